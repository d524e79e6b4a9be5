/** The community facilitator's screens, in Spanish (es-SV) for a municipal culture or youth office. */
const marks = (n: number) => `${n} ${n === 1 ? 'marca' : 'marcas'}`;

export const communityEs = {
  title: 'Mis actividades',
  intro:
    'Las actividades que usted facilita: quiénes vienen, quién dejó de venir y la asistencia de cada sesión.',
  none: 'No tiene actividades abiertas.',
  kinds: {
    sport: 'Deporte',
    arts: 'Arte',
    culture: 'Cultura',
    'dialogue-circle': 'Círculo de diálogo',
    mentoring: 'Mentoría',
    'community-project': 'Proyecto comunitario',
    recreation: 'Recreación',
  } as Record<string, string>,
  seats: (taken: number, total: number) => `${taken} de ${total} cupos ocupados`,
  open: (title: string) => `Abrir la actividad ${title}`,
  openShort: 'Abrir',
  back: 'Volver a mis actividades',
  place: 'Lugar',
  schedule: 'Horario',
  people: 'Participantes',
  summary: (sustained: number, total: number) =>
    `${sustained} de ${total} con participación sostenida.`,
  rule: (share: number, sessions: number, absences: number) =>
    `Participación sostenida: vino a ${share} % o más de las sesiones de las últimas 8 semanas (mínimo ${sessions} sesiones). «Dejó de venir»: faltó a las últimas ${absences} sesiones seguidas.`,
  dropOffsTitle: 'Dejaron de venir',
  dropOffsNone: 'Nadie ha dejado de venir.',
  droppedOff: (n: number) => `Dejó de venir: faltó a las últimas ${n} sesiones.`,
  sustained: 'Participación sostenida',
  attended: (attended: number, eligible: number) =>
    eligible === 0 ? 'Todavía sin sesiones' : `Vino a ${attended} de ${eligible} sesiones`,
  streak: (n: number) => (n > 1 ? `${n} seguidas` : ''),
  origins: {
    resident: 'residente',
    family: 'familia',
    diaspora: 'diáspora',
    official: 'funcionario(a)',
    returnee: 'persona retornada',
  } as Record<string, string>,
  noName: 'Persona sin nombre registrado',
  sessions: 'Sesiones',
  noSessions: 'Todavía no hay sesiones.',
  sessionOf: (day: string, present: number) => `${day} · ${present} vinieron`,
  takeAttendance: 'Tomar asistencia',
  takeAttendanceOf: (day: string) => `Tomar asistencia de la sesión del ${day}`,
  newSession: 'Nueva sesión de hoy',
  attendanceTitle: (day: string) => `Asistencia del ${day}`,
  attendanceHelp:
    'Toque «Vino» o «No vino» en cada persona. Cada toque queda guardado en este teléfono y se envía solo, aunque no haya conexión ahora.',
  backToActivity: 'Volver a la actividad',
  present: 'Vino',
  absent: 'No vino',
  presentOf: (who: string) => `${who}: vino`,
  absentOf: (who: string) => `${who}: no vino`,
  marked: (n: number, total: number) => `${n} de ${total} personas marcadas.`,
  send: 'Enviar ahora',
  fromDevice: 'Sin conexión: esta es la lista guardada en este teléfono.',
  notKept:
    'Sin conexión, y esta actividad no está guardada en este teléfono. Ábrala una vez con conexión.',
  offline: (n: number) =>
    n === 0
      ? 'Sin conexión. Puede seguir marcando: se enviará al volver la conexión.'
      : `Sin conexión — ${marks(n)} en espera. Se enviarán al volver la conexión.`,
  syncing: 'Enviando…',
  waiting: (n: number) => `${marks(n)} en espera de envío.`,
  allSent: 'Todo enviado.',
  refused: (n: number, reason: string) => `${marks(n)} no aceptadas: ${reason}`,
  discard: 'Descartar las marcas no aceptadas',
  reflection: {
    title: 'Notas de reflexión',
    help: 'Sesión sensible: estas notas solo las leen las personas que facilitan esta actividad. No se guardan en el teléfono.',
    none: 'Todavía no hay notas.',
    label: 'Nota de la sesión',
    save: 'Guardar nota',
    saved: 'Nota guardada.',
  },
  sensitive: 'sesión sensible',
  codesign: {
    title: 'Co-diseño: propuestas y votos',
    open: 'Propuestas y votos',
    intro:
      'Lo que el grupo propone para sus próximos pasos. Cada participante vota una vez por propuesta; al final, el grupo decide. Necesita conexión.',
    newProposal: 'Nueva propuesta',
    proposalTitle: 'Propuesta',
    description: 'Descripción (opcional)',
    propose: 'Guardar propuesta',
    proposals: 'Propuestas',
    none: 'Todavía no hay propuestas.',
    votes: (n: number) => (n === 1 ? '1 voto' : `${n} votos`),
    statuses: { open: 'abierta', adopted: 'adoptada', 'not-adopted': 'no adoptada' },
    voter: (title: string) => `Quién vota por «${title}»`,
    chooseVoter: 'Elija a la persona',
    vote: 'Registrar voto',
    adoptLabel: (title: string) => `Adoptar «${title}»`,
    rejectLabel: (title: string) => `No adoptar «${title}»`,
    proposed: (title: string) => `Propuesta guardada: ${title}.`,
    voted: (who: string, title: string) => `Voto de ${who} por «${title}» registrado.`,
    decided: (title: string, status: string) => `«${title}»: ${status}.`,
  },
};
export type CommunityMessages = typeof communityEs;
