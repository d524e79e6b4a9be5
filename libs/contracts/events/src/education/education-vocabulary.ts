import { z } from 'zod';

/** Programme levels offered to returnees (product brief, flow 6). */
export const educationLevelSchema = z
  .enum(['literacy', 'basic', 'secondary', 'vocational'])
  .describe('Nivel / level of the programme');
export type EducationLevel = z.infer<typeof educationLevelSchema>;

/** Flexible modalities: returnees often work, so most study outside regular hours. */
export const educationModalitySchema = z
  .enum(['regular', 'accelerated', 'distance', 'weekend', 'night'])
  .describe('Modalidad / modality of the programme');
export type EducationModality = z.infer<typeof educationModalitySchema>;

/** Enrolment lifecycle: pending → enrolled | waitlisted → attending → completed | dropped. */
export const enrolmentStatusSchema = z
  .enum(['pending', 'waitlisted', 'enrolled', 'attending', 'completed', 'dropped'])
  .describe('Estado de la matrícula / enrolment status');
export type EnrolmentStatus = z.infer<typeof enrolmentStatusSchema>;
