import { z } from 'zod';

/** ISCO-08 unit group (4 digits, e.g. 7112 bricklayers); names live in @reintegra/reference-data. */
export const iscoCodeSchema = z
  .string()
  .regex(/^[0-9]{4}$/)
  .describe('ISCO-08 unit group code (CIUO-08), e.g. 7112');

/**
 * A proposal of a candidate to a vacancy and where it went:
 * proposed → interviewing → hired | not-hired; proposed or interviewing → withdrawn.
 */
export const placementStatusSchema = z
  .enum(['proposed', 'interviewing', 'hired', 'not-hired', 'withdrawn'])
  .describe('Estado de la colocación / placement status');
export type PlacementStatus = z.infer<typeof placementStatusSchema>;

/** Retention follow-up after a hire, in days from the start date. */
export const retentionCheckpointSchema = z
  .union([z.literal(30), z.literal(90)])
  .describe('Seguimiento de permanencia a 30 o 90 días / retention check at 30 or 90 days');
export type RetentionCheckpoint = z.infer<typeof retentionCheckpointSchema>;

/** Workshop-school (escuela taller) enrolment: enrolled → completed → certified; or dropped. */
export const trainingStatusSchema = z
  .enum(['enrolled', 'completed', 'certified', 'dropped'])
  .describe('Estado en la escuela taller / workshop-school enrolment status');
export type TrainingStatus = z.infer<typeof trainingStatusSchema>;

/** Entrepreneurship project: idea → approved → seed-support → operating; closed from any step. */
export const projectStatusSchema = z
  .enum(['idea', 'approved', 'seed-support', 'operating', 'closed'])
  .describe('Estado del emprendimiento / entrepreneurship project status');
export type ProjectStatus = z.infer<typeof projectStatusSchema>;
