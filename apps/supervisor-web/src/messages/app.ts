/** The app shell: name, navigation, scope, login, live alerts and generic errors. */
export const appEs = {
  appName: 'Reintegra · Supervisión',
  skipToContent: 'Saltar al contenido',
  switchLanguage: 'English',
  switchLanguageLabel: 'Cambiar el idioma a inglés',
  logout: 'Salir',
  loading: 'Cargando…',
  retry: 'Reintentar',
  nav: {
    overview: 'Resumen',
    cases: 'Expedientes',
    approvals: 'Aprobaciones',
    caseload: 'Carga de trabajo',
    indicators: 'Indicadores',
    community: 'Inclusión comunitaria',
  },
  scope: { national: 'Nacional', municipality: 'Municipio' },
  login: {
    title: 'Ingreso de supervisión',
    intro: 'Elija una cuenta de demostración (solo en desarrollo).',
    as: 'Entrar como',
    unavailable:
      'El acceso de demostración no está habilitado. Ingrese con el proveedor de identidad de su municipio.',
  },
  alerts: {
    title: 'Alertas en vivo',
    escalation: 'Remisión escalada',
    'deadline-breach': 'Plazo de acuse vencido',
    connected: 'Conectado',
    disconnected: 'Reconectando…',
    dismiss: 'Descartar',
    open: 'Abrir expediente',
  },
  errors: {
    generic: 'Algo falló. Intente de nuevo.',
    session: 'Su sesión terminó. Ingrese de nuevo.',
  },
};

export const appEn: typeof appEs = {
  appName: 'Reintegra · Supervision',
  skipToContent: 'Skip to content',
  switchLanguage: 'Español',
  switchLanguageLabel: 'Switch the language to Spanish',
  logout: 'Log out',
  loading: 'Loading…',
  retry: 'Retry',
  nav: {
    overview: 'Overview',
    cases: 'Cases',
    approvals: 'Approvals',
    caseload: 'Caseload',
    indicators: 'Indicators',
    community: 'Community inclusion',
  },
  scope: { national: 'National', municipality: 'Municipality' },
  login: {
    title: 'Supervisor login',
    intro: 'Choose a demo account (development only).',
    as: 'Log in as',
    unavailable: 'Demo login is not enabled. Log in with your municipality’s identity provider.',
  },
  alerts: {
    title: 'Live alerts',
    escalation: 'Referral escalated',
    'deadline-breach': 'Acknowledgement deadline missed',
    connected: 'Connected',
    disconnected: 'Reconnecting…',
    dismiss: 'Dismiss',
    open: 'Open case',
  },
  errors: {
    generic: 'Something went wrong. Try again.',
    session: 'Your session ended. Log in again.',
  },
};
