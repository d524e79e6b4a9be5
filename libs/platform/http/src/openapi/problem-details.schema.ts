import { z } from 'zod';

/** RFC 9457 problem details as this platform answers them (see ProblemDetailsFilter). */
export const problemDetailsSchema = z
  .object({
    type: z.string().describe('urn:reintegra:problem:<code>'),
    title: z.string().describe('Human-readable summary, Spanish unless Accept-Language: en'),
    status: z.number().int().describe('HTTP status code'),
    detail: z.string().optional(),
    instance: z.string().describe('Path of the request'),
    code: z.string().describe('Stable machine-readable code, e.g. returnee.duplicate-dui'),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('Per-field validation errors'),
    existing: z.string().optional().describe('Location of the existing resource (conflicts)'),
    currentETag: z.string().optional().describe('Current ETag (412 on a stale write)'),
  })
  .describe('Problem details (RFC 9457)');
