/** The service directory and the plan's provider picker, in Spanish (es-SV). */
export const directoryEs = {
  title: 'Directorio de servicios',
  intro:
    'Las organizaciones aliadas de cada municipio y sus servicios: para quién son, cuándo atienden y cuántos cupos tienen.',
  filters: 'Filtrar servicios',
  municipality: 'Municipio',
  district: 'Distrito',
  anyMunicipality: 'Todos los municipios',
  anyDistrict: 'Todos los distritos',
  serviceType: 'Tipo de servicio',
  anyType: 'Todos los tipos',
  status: 'Estado',
  anyStatus: 'Todos los estados',
  audience: 'Para quién',
  audiences: {
    '': 'Cualquiera',
    'women-only': 'Solo para mujeres',
    everyone: 'Para todas las personas',
  },
  withPlaces: 'Solo con cupo',
  search: 'Buscar por nombre',
  found: (n: number) => (n === 1 ? '1 servicio' : `${n} servicios`),
  none: 'Ningún servicio coincide con los filtros.',
  servicesLabel: 'Servicios encontrados',
  place: 'Lugar',
  forWhom: 'Para quién',
  schedule: 'Horario',
  languages: 'Idiomas',
  places: 'Cupos libres',
  noSchedule: 'Sin horario publicado',
  everyone: 'Todas las personas',
  womenOnly: 'Solo mujeres',
  ages: (min: number | null, max: number | null) =>
    min !== null && max !== null
      ? `de ${min} a ${max} años`
      : min !== null
        ? `desde ${min} años`
        : max !== null
          ? `hasta ${max} años`
          : 'todas las edades',
  bring: (documents: string) => `Traer: ${documents}`,
  freePlaces: (n: number | null) =>
    n === null ? 'no informado' : n === 0 ? 'sin cupo' : n === 1 ? '1 cupo' : `${n} cupos`,
  liveNote: 'según los grupos y vacantes abiertos',
  statuses: {
    active: 'activo',
    inactive: 'inactivo',
    'temporarily closed': 'cerrado por un tiempo',
    defunct: 'ya no existe',
  } as Record<string, string>,
  days: { MO: 'lun', TU: 'mar', WE: 'mié', TH: 'jue', FR: 'vie', SA: 'sáb', SU: 'dom' } as Record<
    string,
    string
  >,
  dayNames: {
    MO: 'lunes',
    TU: 'martes',
    WE: 'miércoles',
    TH: 'jueves',
    FR: 'viernes',
    SA: 'sábado',
    SU: 'domingo',
  } as Record<string, string>,
  documents: {
    dui: 'DUI',
    'birth-certificate': 'partida de nacimiento',
    passport: 'pasaporte',
    'proof-of-address': 'comprobante de domicilio',
    'deportation-record': 'constancia de retorno',
    'medical-record': 'expediente médico',
    'guardian-authorisation': 'autorización de la persona responsable',
  } as Record<string, string>,
  edit: 'Editar servicio',
  editLabel: (name: string) => `Editar servicio: ${name}`,
  editOrganization: 'Editar organización',
  editOrganizationLabel: (name: string) => `Editar organización: ${name}`,
  editTitle: (name: string) => `Editar: ${name}`,
  organizationName: 'Nombre de la organización',
  organizationDescription: 'Descripción de la organización',
  freePlacesField: 'Cupos libres',
  freePlacesLiveHelp:
    'Este servicio recibe los cupos en vivo de sus grupos o vacantes: lo que escriba aquí se usa solo si no los hay.',
  minimumAge: 'Edad mínima',
  maximumAge: 'Edad máxima',
  ageHelp: 'Vacío: sin límite.',
  womenOnlyField: 'Solo para mujeres',
  requiredDocuments: 'Documentos que debe traer',
  schedules: 'Horario de atención',
  scheduleRow: (n: number) => `Horario ${n}`,
  opens: 'Abre',
  closes: 'Cierra',
  addSchedule: 'Agregar horario',
  removeSchedule: (n: number) => `Quitar el horario ${n}`,
  save: 'Guardar cambios',
  cancel: 'Cancelar',
  saved: (name: string) => `Cambios guardados: ${name}.`,
  nothingChanged: 'No cambió nada.',
  lastWriteWins:
    'El directorio no avisa si otra persona cambió este servicio a la vez: se guarda lo último.',
  picker: {
    provider: 'Servicio del directorio que recibe',
    choose: 'Elija un servicio',
    help: (municipality: string) =>
      `Servicios activos de este tipo en ${municipality}, los más cercanos primero.`,
    none: 'El directorio no tiene servicios activos de este tipo en el municipio. Hable con supervisión.',
    current: (ids: string) => `Ya elegido: ${ids}`,
    option: (organization: string, service: string, place: string, places: string, who: string) =>
      `${organization} · ${service} (${place}) · ${places} · ${who}`,
    unreachable:
      'El directorio de servicios no responde: escriba el código de la oficina que recibe.',
    typed: 'Código de la oficina que recibe',
    typedHelp: 'Por ejemplo: oficina-empleo-la-paz-este',
  },
};
