import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { dateTimeSchema } from '../shared/fields';
import { TOPICS } from '../topics';

/**
 * A learner missed the configured number of consecutive sessions: the reintegration workflow and
 * the supervisor should follow up. Subject and key: the case id.
 */
export const attendanceAtRiskV1 = defineEvent({
  type: 'sv.reintegra.education.attendance-at-risk.v1',
  topic: TOPICS.referralStatus,
  description: 'Inasistencias consecutivas: en riesgo de abandono / Attendance at risk',
  data: z.object({
    enrolmentId: z.uuid(),
    caseId: z.uuid(),
    cohortId: z.uuid(),
    providerId: z.string().min(1).max(100),
    referralId: z.uuid().optional(),
    consecutiveAbsences: z.number().int().min(1),
    threshold: z.number().int().min(1),
    lastSessionOn: z.iso.date(),
    occurredAt: dateTimeSchema,
  }),
});
export type AttendanceAtRiskV1 = z.infer<typeof attendanceAtRiskV1.data>;
