/** The community inclusion screen. */
export const communityEs = {
  title: 'Inclusión comunitaria',
  intro:
    'Actividades de convivencia que reúnen a personas retornadas con la comunidad, por municipio, según lo que informa el servicio de inclusión comunitaria. Nunca se muestran personas.',
  suppressed:
    'Las cifras de 1 a 4 personas se muestran como <5, y también la cifra que permitiría deducirlas por resta.',
  none: 'Aún no hay actividades comunitarias registradas en su ámbito.',
  activitiesRunning: 'Actividades en curso',
  participants: 'Participantes',
  returnees: 'Personas retornadas',
  hostCommunity: 'Comunidad de acogida',
  hostCommunityHint: 'residentes, familias, diáspora y funcionarios',
  sustained: 'Con participación sostenida',
  retention: 'Permanencia',
  reachedSustained: 'Alcanzaron participación sostenida',
  stillSustained: 'La mantienen',
  droppedOff: 'Dejaron de asistir o se retiraron',
  stillSustainedPercent: 'La mantienen (%)',
  rule: 'Regla de participación sostenida aplicada',
  noRule: 'ninguna todavía',
};

export const communityEn: typeof communityEs = {
  title: 'Community inclusion',
  intro:
    'Activities that bring returnees and the host community together, per municipality, as reported by the community inclusion service. People are never shown.',
  suppressed:
    'Figures of 1 to 4 people are shown as <5, and so is the figure that would let them be worked out by subtraction.',
  none: 'No community activities recorded in your scope yet.',
  activitiesRunning: 'Activities running',
  participants: 'Participants',
  returnees: 'Returnees',
  hostCommunity: 'Host community',
  hostCommunityHint: 'residents, families, diaspora and officials',
  sustained: 'With sustained participation',
  retention: 'Retention',
  reachedSustained: 'Reached sustained participation',
  stillSustained: 'Still sustained',
  droppedOff: 'Stopped attending or withdrew',
  stillSustainedPercent: 'Still sustained (%)',
  rule: 'Sustained participation rule applied',
  noRule: 'none yet',
};
