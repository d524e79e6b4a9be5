/** Working without a network at the reception point, in Spanish (es-SV). */
const people = (n: number) => `${n} ${n === 1 ? 'registro' : 'registros'}`;

export const offlineEs = {
  offline: (n: number) =>
    n === 0
      ? 'Sin conexión. Puede seguir registrando: se enviará al volver la conexión.'
      : `Sin conexión — ${people(n)} en espera. Se enviarán al volver la conexión.`,
  syncing: 'Sincronizando…',
  waiting: (n: number) =>
    `${people(n)} en espera. Se enviarán en cuanto la oficina responda; no cierre el navegador.`,
  allSynced: 'Todo sincronizado.',
  toReview: (n: number) =>
    n === 1 ? '1 registro necesita su revisión.' : `${n} registros necesitan su revisión.`,
  conflictsTitle: 'Registros que la oficina no aceptó',
  conflictsHelp:
    'Mientras no había conexión algo cambió en la oficina (por ejemplo, la persona se registró en otro punto). Revise cada uno y elija qué hacer; sus consentimientos se enviarán después.',
  reasons: {
    'returnee.duplicate-dui': 'Ya hay una persona registrada con este DUI.',
    'returnee.possible-duplicate': 'Hay registros parecidos: compare antes de seguir.',
    'arrival-entry.already-registered': 'Esta persona de la lista ya fue registrada.',
    'outbox.unreadable': 'Este registro guardado ya no se puede leer en este equipo.',
  } as Record<string, string>,
  compare: 'Comparar y decidir',
  compareLabel: (name: string) => `Comparar y decidir: ${name}`,
  discard: 'Descartar',
  discardLabel: (name: string) => `Descartar el registro de ${name}`,
  resolved: (name: string) => `${name}: decisión guardada. Se enviará ahora.`,
  discarded: (name: string) => `${name}: registro descartado.`,
  savedOffline: (name: string) =>
    `${name}: guardado sin conexión. Se enviará al volver la conexión.`,
  consentsQueued: (n: number) =>
    `Consentimiento guardado sin conexión: ${n} ${n === 1 ? 'propósito' : 'propósitos'}.`,
  listFromDevice: 'Sin conexión: esta es la lista guardada en este equipo.',
};
export type OfflineMessages = typeof offlineEs;
