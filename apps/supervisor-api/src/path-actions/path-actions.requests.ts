import { z } from 'zod';

const code = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
  .describe('A short code, e.g. hospitalised');

/** The officer who follows the case from now on (their pseudonymous reference). */
export const reassignOfficerSchema = z
  .object({ officerId: z.string().min(1).max(200).describe('e.g. user:oficial-2') })
  .strict();
export type ReassignOfficerRequest = z.infer<typeof reassignOfficerSchema>;

/** Pause (follow-up waves stop counting down) or resume a path, with why. */
export const pausePathSchema = z.object({ paused: z.boolean(), reasonCode: code }).strict();
export type PausePathRequest = z.infer<typeof pausePathSchema>;
