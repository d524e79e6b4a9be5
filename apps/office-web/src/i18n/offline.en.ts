import type { OfflineMessages } from './offline.es';

/** Working without a network at the reception point, in English. */
const people = (n: number) => `${n} ${n === 1 ? 'registration' : 'registrations'}`;

export const offlineEn: OfflineMessages = {
  offline: (n) =>
    n === 0
      ? 'Offline. You can keep registering: it will be sent when the connection is back.'
      : `Offline — ${people(n)} waiting. They will be sent when the connection is back.`,
  syncing: 'Syncing…',
  waiting: (n) =>
    `${people(n)} waiting. They will be sent as soon as the office answers; keep the browser open.`,
  allSynced: 'Everything synced.',
  toReview: (n) =>
    n === 1 ? '1 registration needs your review.' : `${n} registrations need your review.`,
  conflictsTitle: 'Registrations the office did not accept',
  conflictsHelp:
    'While there was no connection something changed at the office (for example, the person was registered at another point). Check each one and choose what to do; their consents are sent afterwards.',
  reasons: {
    'returnee.duplicate-dui': 'A person with this DUI is already registered.',
    'returnee.possible-duplicate': 'There are similar records: compare before going on.',
    'arrival-entry.already-registered': 'This person of the list is already registered.',
    'outbox.unreadable': 'This saved registration can no longer be read on this device.',
  },
  compare: 'Compare and decide',
  compareLabel: (name) => `Compare and decide: ${name}`,
  discard: 'Discard',
  discardLabel: (name) => `Discard the registration of ${name}`,
  resolved: (name) => `${name}: decision saved. It is being sent now.`,
  discarded: (name) => `${name}: registration discarded.`,
  savedOffline: (name) => `${name}: saved offline. It will be sent when the connection is back.`,
  consentsQueued: (n) => `Consent saved offline: ${n} ${n === 1 ? 'purpose' : 'purposes'}.`,
  listFromDevice: 'Offline: this is the list kept on this device.',
};
