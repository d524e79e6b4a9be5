import { z } from 'zod';
import { municipalityParam } from '../indicators/indicators.requests';

/** The community inclusion indicators' filter (query string); unknown parameters are refused. */
export const communityInclusionQuerySchema = z.object({ municipality: municipalityParam }).strict();
export type CommunityInclusionQuery = z.infer<typeof communityInclusionQuerySchema>;
