/** The caseload screen. */
export const caseloadEs = {
  title: 'Carga de trabajo',
  perOfficer: 'Por oficial',
  perProvider: 'Por proveedor de servicio',
  officer: 'Oficial',
  provider: 'Proveedor',
  service: 'Servicio',
  openCases: 'Expedientes abiertos',
  openReferrals: 'Remisiones abiertas',
  overdue: 'Vencidas',
  unassigned: 'sin asignar',
};

export const caseloadEn: typeof caseloadEs = {
  title: 'Caseload',
  perOfficer: 'Per officer',
  perProvider: 'Per service provider',
  officer: 'Officer',
  provider: 'Provider',
  service: 'Service',
  openCases: 'Open cases',
  openReferrals: 'Open referrals',
  overdue: 'Overdue',
  unassigned: 'unassigned',
};
