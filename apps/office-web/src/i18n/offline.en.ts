import type { OfflineMessages } from './offline.es';

/** Working without a network at the reception point, in English. */
export const offlineEn: OfflineMessages = {
  offline: (n) =>
    n === 0
      ? 'Offline. You can keep registering: it will be sent when the connection is back.'
      : `Offline — ${n} ${n === 1 ? 'item' : 'items'} waiting (registrations and consents). They will be sent when the connection is back.`,
  syncing: (n) => `Sending ${n} waiting ${n === 1 ? 'item' : 'items'}…`,
  waiting: (n) => `${n} ${n === 1 ? 'item' : 'items'} waiting to be sent.`,
  allSynced: 'Everything sent.',
  conflictsTitle: 'Registrations the office did not accept',
  conflictsHelp:
    'Check each one: the person may have been registered elsewhere while there was no connection. Look them up in Cases; if they are there, discard this registration.',
  conflict: (name, reason) => `${name}: ${reason}`,
  discard: 'Discard',
  discardLabel: (name) => `Discard the registration of ${name}`,
  savedOffline: (name) => `${name}: saved offline. It will be sent when the connection is back.`,
  consentsQueued: (n) => `Consent saved offline: ${n} ${n === 1 ? 'purpose' : 'purposes'}.`,
  listFromDevice: 'Offline: this is the list kept on this device.',
};
