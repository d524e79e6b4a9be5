import { z } from 'zod';

/** A demo user of the dev identity provider (development only). */
export const devLoginSchema = z.object({ user: z.string().min(1).max(100) }).strict();
export type DevLoginRequest = z.infer<typeof devLoginSchema>;
