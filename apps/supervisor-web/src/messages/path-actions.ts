/** The supervisor's actions on a running path (case page). */
export const pathActionsEs = {
  title: 'Acciones sobre el itinerario',
  officer: 'Oficial que sigue el caso',
  officerHint: 'Referencia del oficial, p. ej. user:oficial-2',
  reassign: 'Reasignar oficial',
  reassigned: 'Oficial reasignado.',
  reason: 'Motivo',
  pause: 'Pausar itinerario',
  resume: 'Reanudar itinerario',
  pausedDone: 'Itinerario en pausa: los seguimientos no avanzan hasta reanudarlo.',
  resumedDone: 'Itinerario reanudado.',
  reasons: {
    hospitalised: 'Hospitalizada',
    'temporarily-away': 'Fuera del municipio por un tiempo',
    'person-request': 'A pedido de la persona',
    'back-in-contact': 'De nuevo en contacto',
    other: 'Otro',
  } as Record<string, string>,
};

export const pathActionsEn: typeof pathActionsEs = {
  title: 'Path actions',
  officer: 'Officer who follows the case',
  officerHint: 'Officer reference, e.g. user:oficial-2',
  reassign: 'Reassign officer',
  reassigned: 'Officer reassigned.',
  reason: 'Reason',
  pause: 'Pause path',
  resume: 'Resume path',
  pausedDone: 'Path paused: follow-ups do not move until it is resumed.',
  resumedDone: 'Path resumed.',
  reasons: {
    hospitalised: 'In hospital',
    'temporarily-away': 'Away from the municipality for a while',
    'person-request': 'At the person’s request',
    'back-in-contact': 'Back in contact',
    other: 'Other',
  },
};
