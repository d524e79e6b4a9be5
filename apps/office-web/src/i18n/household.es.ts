/** Households and minors' guardians in Spanish (es-SV). */
export const householdEs = {
  title: 'Grupo familiar',
  none: 'No hay familiares registrados en el grupo familiar.',
  returnee: 'retornada',
  familyMember: 'no retornó',
  openCase: 'Ver su expediente',
  relationships: {
    spouse: 'Cónyuge o pareja',
    child: 'Hija o hijo',
    parent: 'Madre o padre',
    sibling: 'Hermana o hermano',
    other: 'Otro familiar',
  } as Record<string, string>,
  guardian: 'Tutor o persona responsable',
  noGuardian:
    'Es menor de edad y no tiene tutor registrado: el consentimiento lo da su madre, padre o tutor.',
  capacities: {
    parent: 'Madre o padre',
    'legal-guardian': 'Tutor legal',
    relative: 'Familiar',
    other: 'Otra persona adulta',
  } as Record<string, string>,
  guardianLegend: 'Quién da el consentimiento por la persona menor de edad',
  guardianFirstNames: 'Nombres del tutor',
  guardianLastNames: 'Apellidos del tutor',
  guardianCapacity: 'Relación con la persona menor',
  guardianPhone: 'Teléfono del tutor (opcional)',
};

export type HouseholdMessages = typeof householdEs;
