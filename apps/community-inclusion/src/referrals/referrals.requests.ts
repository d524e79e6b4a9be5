import { z } from 'zod';
import { reasonCodeSchema } from '@reintegra/event-contracts';

export const declineSchema = z.object({ reasonCode: reasonCodeSchema }).strict();
export type DeclineRequest = z.infer<typeof declineSchema>;
