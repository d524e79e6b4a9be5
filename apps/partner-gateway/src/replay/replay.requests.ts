import { z } from 'zod';

export const replayRequest = z.object({
  from: z.iso.datetime({ offset: true }).describe('Desde cuándo / from when (logged since)'),
});
export type ReplayRequest = z.infer<typeof replayRequest>;
