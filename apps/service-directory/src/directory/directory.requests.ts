import { z } from 'zod';
import { referralServiceSchema } from '@reintegra/event-contracts';
import {
  bilingual,
  districtWithinMunicipality,
  organisationIdSchema,
  territoryCodeSchemas,
} from '@reintegra/platform-http';
import { findDistrict, findMunicipality } from '@reintegra/reference-data';
import { SERVICE_DOCUMENT_KINDS } from '@reintegra/vocabulary';

export const organizationIdSchema = organisationIdSchema.describe(
  'Provider id named by referrals = the organisation id in its staff tokens',
);

export const { municipalityCodeSchema, districtCodeSchema } = territoryCodeSchemas({
  municipality: findMunicipality,
  district: findDistrict,
});

const text = (max: number) => z.string().trim().min(1).max(max);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const scheduleSchema = z
  .object({
    byday: z
      .string()
      .regex(/^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$/)
      .describe('RFC 5545 days, e.g. MO,TU,WE'),
    opens_at: time,
    closes_at: time,
    description: text(200).optional(),
  })
  .strict();

export const createOrganizationSchema = z
  .object({
    id: organizationIdSchema,
    name: text(200),
    alternateName: text(200).optional(),
    description: text(2000),
    email: z.email().optional(),
    website: z.url().optional(),
    municipalityCode: municipalityCodeSchema.describe('Home municipality (who manages the entry)'),
  })
  .strict();
export type CreateOrganizationRequest = z.infer<typeof createOrganizationSchema>;

export const updateOrganizationSchema = z
  .object({
    name: text(200).optional(),
    alternateName: text(200).nullable().optional(),
    description: text(2000).optional(),
    email: z.email().nullable().optional(),
    website: z.url().nullable().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, {
    message: bilingual('Indique al menos un campo.', 'Give at least one field.'),
  });
export type UpdateOrganizationRequest = z.infer<typeof updateOrganizationSchema>;

export const createLocationSchema = z
  .object({
    organizationId: organizationIdSchema,
    name: text(200),
    address1: text(300).optional(),
    municipalityCode: municipalityCodeSchema,
    districtCode: districtCodeSchema.optional(),
  })
  .strict()
  .superRefine(districtWithinMunicipality(findDistrict));
export type CreateLocationRequest = z.infer<typeof createLocationSchema>;

const serviceFields = {
  name: text(200),
  description: text(2000).optional(),
  serviceType: referralServiceSchema,
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']).default('active'),
  minimumAge: z.int().min(0).max(130).optional(),
  maximumAge: z.int().min(0).max(130).optional(),
  womenOnly: z.boolean().default(false).describe('Only for women (the one rule that reads sex)'),
  requiredDocuments: z.array(z.enum(SERVICE_DOCUMENT_KINDS)).max(10).default([]),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/))
    .min(1)
    .max(10)
    .default(['es'])
    .describe('ISO 639 codes, e.g. es, en, nah'),
  schedules: z.array(scheduleSchema).max(14).default([]),
  applicationProcess: text(1000).optional(),
  feesDescription: text(500).optional(),
  capacityMaximum: z.int().min(0).max(100_000).optional(),
  capacityAvailable: z.int().min(0).max(100_000).optional(),
};

const ageRange = (
  value: { minimumAge?: number | null; maximumAge?: number | null },
  ctx: z.RefinementCtx,
) => {
  if (
    typeof value.minimumAge === 'number' &&
    typeof value.maximumAge === 'number' &&
    value.maximumAge < value.minimumAge
  )
    ctx.addIssue({
      code: 'custom',
      path: ['maximumAge'],
      message: bilingual(
        'La edad máxima es menor que la mínima.',
        'The maximum age is below the minimum.',
      ),
    });
};

export const createServiceSchema = z
  .object({ locationId: z.uuid(), ...serviceFields })
  .strict()
  .superRefine(ageRange);
export type CreateServiceRequest = z.infer<typeof createServiceSchema>;

export const updateServiceSchema = z
  .object({
    name: serviceFields.name.optional(),
    description: serviceFields.description,
    status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']).optional(),
    minimumAge: serviceFields.minimumAge.nullable(),
    maximumAge: serviceFields.maximumAge.nullable(),
    womenOnly: z.boolean().optional(),
    requiredDocuments: z.array(z.enum(SERVICE_DOCUMENT_KINDS)).max(10).optional(),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/))
      .min(1)
      .max(10)
      .optional(),
    schedules: z.array(scheduleSchema).max(14).optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, {
    message: bilingual('Indique al menos un campo.', 'Give at least one field.'),
  })
  // Both ages in one change: refused here, beside the field (the table's check would be a 500).
  .superRefine(ageRange);
export type UpdateServiceRequest = z.infer<typeof updateServiceSchema>;

export const reportCapacitySchema = z
  .object({
    available: z.int().min(0).max(100_000),
    maximum: z.int().min(0).max(100_000).optional(),
  })
  .strict();
export type ReportCapacityRequest = z.infer<typeof reportCapacitySchema>;

export const serviceFilterSchema = z
  .object({
    serviceType: referralServiceSchema.optional(),
    municipalityCode: municipalityCodeSchema.optional(),
    status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']).optional(),
    organizationId: organizationIdSchema.optional(),
  })
  .strict();
export type ServiceFilter = z.infer<typeof serviceFilterSchema>;
