/** Working without a network at the reception point, in Spanish (es-SV). */
export const offlineEs = {
  offline: (n: number) =>
    n === 0
      ? 'Sin conexión. Puede seguir registrando: se enviará al volver la conexión.'
      : `Sin conexión — ${n} ${n === 1 ? 'envío pendiente' : 'envíos pendientes'} (registros y consentimientos). Se enviarán al volver la conexión.`,
  syncing: (n: number) => `Enviando ${n} ${n === 1 ? 'envío pendiente' : 'envíos pendientes'}…`,
  waiting: (n: number) => `${n} ${n === 1 ? 'envío pendiente' : 'envíos pendientes'}.`,
  allSynced: 'Todo enviado.',
  conflictsTitle: 'Registros que la oficina no aceptó',
  conflictsHelp:
    'Revise cada caso: puede que la persona ya se haya registrado en otro lugar mientras no había conexión. Búsquela en Expedientes; si ya está, descarte este registro.',
  conflict: (name: string, reason: string) => `${name}: ${reason}`,
  discard: 'Descartar',
  discardLabel: (name: string) => `Descartar el registro de ${name}`,
  savedOffline: (name: string) =>
    `${name}: guardado sin conexión. Se enviará al volver la conexión.`,
  consentsQueued: (n: number) =>
    `Consentimiento guardado sin conexión: ${n} ${n === 1 ? 'propósito' : 'propósitos'}.`,
  listFromDevice: 'Sin conexión: esta es la lista guardada en este equipo.',
};
export type OfflineMessages = typeof offlineEs;
