import { z } from 'zod';

/** Kinds of social and cultural inclusion activity (IOM, Global Compact objective 16; Zacatecoluca's strategy). */
export const activityKindSchema = z
  .enum([
    'sport',
    'arts',
    'culture',
    'dialogue-circle',
    'mentoring',
    'community-project',
    'recreation',
  ])
  .describe('Tipo de actividad / activity kind');
export type ActivityKind = z.infer<typeof activityKindSchema>;

/** Who takes part: activities mix returnees with the host community. */
export const participantOriginSchema = z
  .enum(['returnee', 'resident', 'family', 'diaspora', 'official'])
  .describe('Origen del participante / participant origin');
export type ParticipantOrigin = z.infer<typeof participantOriginSchema>;

/** Groups an activity is meant for (the same words as the origins, plus age groups). */
export const targetGroupSchema = z.enum([
  'returnees',
  'residents',
  'families',
  'diaspora',
  'officials',
  'youth',
  'women',
  'older-adults',
  'children',
]);
export type TargetGroup = z.infer<typeof targetGroupSchema>;

/** Steps of a person's participation in one activity. */
export const participationMilestoneSchema = z
  .enum(['joined', 'first-attendance', 'sustained', 'dropped-off', 'withdrawn'])
  .describe('Hito de participación / participation milestone');
export type ParticipationMilestone = z.infer<typeof participationMilestoneSchema>;
