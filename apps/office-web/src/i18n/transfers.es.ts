/** Transfers of a case between municipalities' offices, in Spanish (es-SV). */
export const transfersEs = {
  nav: 'Traslados',
  section: {
    title: 'Traslado a otro municipio',
    intro:
      'Cuando la persona se muda, su expediente pasa a la oficina de su nuevo municipio y su recorrido sigue allí. Al aceptar, esta oficina deja de tener acceso al expediente.',
    request: 'Solicitar traslado',
    municipality: 'Municipio que recibe',
    chooseMunicipality: 'Elija el municipio',
    reason: 'Motivo del traslado',
    chooseReason: 'Elija un motivo',
    consent: 'La persona está de acuerdo con que su expediente pase a esa oficina',
    consentLegend: 'Consentimiento de la persona',
    consentMethod: 'Cómo lo dio',
    methods: { verbal: 'De palabra', written: 'Por escrito' } as Record<string, string>,
    consentHelp:
      'Lea a la persona a qué oficina pasa su expediente y para qué. Sin su consentimiento no se traslada.',
    send: 'Enviar solicitud de traslado',
    cancel: 'Cancelar',
    pending: (to: string, when: string) =>
      `Traslado solicitado a ${to} el ${when}: espera la respuesta de esa oficina.`,
    declined: (to: string, reason: string) => `${to} rechazó el último traslado: ${reason}.`,
    closed: 'Un expediente cerrado no se traslada.',
  },
  inbox: {
    title: 'Traslados de expedientes',
    intro:
      'Expedientes que otras oficinas piden trasladar a la suya, y los que su oficina pidió trasladar.',
    incoming: 'Solicitudes recibidas',
    incomingNone: 'No hay solicitudes de traslado para su oficina.',
    outgoing: 'Solicitudes enviadas',
    outgoingNone: 'Su oficina no ha pedido traslados.',
    case: 'Expediente',
    from: 'Desde',
    to: 'Hacia',
    reason: 'Motivo',
    consent: 'Consentimiento',
    requested: 'Solicitado',
    status: 'Estado',
    actions: 'Respuesta',
    accept: 'Aceptar',
    acceptLabel: (from: string) => `Aceptar el traslado desde ${from}`,
    decline: 'Rechazar',
    declineLabel: (from: string) => `Rechazar el traslado desde ${from}`,
    declineReason: 'Motivo del rechazo',
    confirmDecline: 'Confirmar el rechazo',
    accepted: 'Traslado aceptado: el expediente ya es de su oficina.',
    openCase: 'Abrir el expediente',
    declinedDone: 'Traslado rechazado: el expediente sigue en la oficina que lo pidió.',
    caseRef: (id: string) => `Exp. ${id.slice(0, 8)}`,
    statuses: {
      requested: 'Esperando respuesta',
      accepted: 'Aceptado',
      declined: 'Rechazado',
    } as Record<string, string>,
  },
  reasons: {
    'moved-residence': 'Se mudó de municipio',
    'family-reunification': 'Se reúne con su familia',
    safety: 'Por su seguridad',
    'work-or-study': 'Por trabajo o estudio',
    other: 'Otro motivo',
  } as Record<string, string>,
  declineReasons: {
    'not-resident': 'La persona no vive en este municipio',
    'no-capacity': 'La oficina no tiene capacidad',
    'wrong-office': 'No corresponde a esta oficina',
    'person-not-reached': 'No se logró contactar a la persona',
    other: 'Otro motivo',
  } as Record<string, string>,
};

export type TransfersMessages = typeof transfersEs;
