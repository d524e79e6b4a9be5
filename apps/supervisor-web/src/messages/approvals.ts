/** The approvals screen. */
export const approvalsEs = {
  title: 'Aprobaciones',
  plans: 'Planes enviados para aprobación',
  closures: 'Cierres propuestos',
  none: 'Nada pendiente.',
  approvePlan: 'Aprobar plan',
  closeCase: 'Cerrar expediente',
  version: 'versión',
  submittedBy: 'Enviado por',
  proposedBy: 'Propuesto por',
  reason: 'Motivo',
  goals: 'Dimensiones',
  proposedReferrals: 'remisiones propuestas',
  approved: 'Plan aprobado. El itinerario avanza.',
  closed: 'Expediente cerrado.',
  breakGlass:
    'Las revisiones de acceso de emergencia (break-glass) se gestionan en atención a víctimas: no publica eventos que este tablero pueda mostrar.',
};

export const approvalsEn: typeof approvalsEs = {
  title: 'Approvals',
  plans: 'Plans submitted for approval',
  closures: 'Closures proposed',
  none: 'Nothing pending.',
  approvePlan: 'Approve plan',
  closeCase: 'Close case',
  version: 'version',
  submittedBy: 'Submitted by',
  proposedBy: 'Proposed by',
  reason: 'Reason',
  goals: 'Dimensions',
  proposedReferrals: 'proposed referrals',
  approved: 'Plan approved. The path moves on.',
  closed: 'Case closed.',
  breakGlass:
    'Break-glass access reviews are handled in victim support: it publishes no events this dashboard could show.',
};
