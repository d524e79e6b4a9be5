/**
 * Pulse survey versions, taken before (pre) and after (post) a cycle. A published version never
 * changes; a changed item gets a new id in a new version. Each item cites where it comes from.
 */
export interface PulseItem {
  readonly id: string;
  readonly dimension: 'trust' | 'belonging' | 'discrimination';
  readonly label: { readonly es: string; readonly en: string };
  /** 1–5 answer scale; `reversed` when a higher answer is worse (experienced discrimination). */
  readonly scale: { readonly min: 1; readonly max: 5; readonly reversed: boolean };
  readonly source: string;
}

export interface PulseSurvey {
  readonly version: string;
  readonly publishedOn: string;
  readonly items: readonly PulseItem[];
}

const AGREE = { min: 1, max: 5, reversed: false } as const;

export const PULSE_SURVEYS: readonly PulseSurvey[] = [
  {
    version: 'pulse-2026-12',
    publishedOn: '2026-12-01',
    items: [
      {
        id: 'trust-people-neighbourhood',
        dimension: 'trust',
        label: {
          es: 'Se puede confiar en la mayoría de las personas de este barrio (1 nada de acuerdo – 5 muy de acuerdo).',
          en: 'Most people in this neighbourhood can be trusted (1 strongly disagree – 5 strongly agree).',
        },
        scale: AGREE,
        source:
          'OECD (2017), OECD Guidelines on Measuring Trust, core module: generalised interpersonal trust (neighbourhood variant)',
      },
      {
        id: 'trust-local-government',
        dimension: 'trust',
        label: {
          es: '¿Cuánto confía en la alcaldía de su municipio? (1 nada – 5 mucho)',
          en: 'How much do you trust your municipal government? (1 not at all – 5 completely)',
        },
        scale: AGREE,
        source: 'OECD (2017), OECD Guidelines on Measuring Trust, core module: institutional trust',
      },
      {
        id: 'feels-part-of-community',
        dimension: 'belonging',
        label: {
          es: 'Me siento parte de la comunidad donde vivo (1–5).',
          en: 'I feel part of the community where I live (1–5).',
        },
        scale: AGREE,
        source:
          'IOM (2017), Reintegration Sustainability Survey, social dimension: sense of belonging to the community (also item feels-part-of-community of the intake questionnaire)',
      },
      {
        id: 'participates-community',
        dimension: 'belonging',
        label: {
          es: 'Participo en actividades de mi comunidad (1 nunca – 5 siempre).',
          en: 'I take part in activities of my community (1 never – 5 always).',
        },
        scale: AGREE,
        source:
          'IOM (2017), Reintegration Sustainability Survey, social dimension: participation in social activities (also item participates-community of the intake questionnaire)',
      },
      {
        id: 'experienced-discrimination',
        dimension: 'discrimination',
        label: {
          es: 'En los últimos tres meses me han tratado de forma injusta o discriminado por ser retornado, migrante u otro motivo (1 nunca – 5 muy a menudo).',
          en: 'In the last three months I have been treated unfairly or discriminated against for being a returnee, a migrant or another reason (1 never – 5 very often).',
        },
        scale: { min: 1, max: 5, reversed: true },
        source:
          'IOM (2017), Reintegration Sustainability Survey, social dimension: experienced discrimination; European Social Survey, item "member of a group discriminated against in this country"',
      },
    ],
  },
];

export const findPulseSurvey = (version: string) =>
  PULSE_SURVEYS.find((survey) => survey.version === version);

/** Field errors of answers against a version: unknown items, out-of-scale values. */
export function answerErrors(survey: PulseSurvey, answers: Record<string, number>): string[] {
  const errors: string[] = [];
  for (const [itemId, value] of Object.entries(answers)) {
    const item = survey.items.find((candidate) => candidate.id === itemId);
    if (!item) errors.push(`answers.${itemId}: unknown item`);
    else if (!Number.isInteger(value) || value < item.scale.min || value > item.scale.max)
      errors.push(`answers.${itemId}: ${item.scale.min}–${item.scale.max}`);
  }
  return errors;
}
