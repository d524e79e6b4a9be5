import { z } from 'zod';
import { caseStatusSchema } from '@reintegra/event-contracts';

const pageLinks = z.object({
  self: z.string(),
  next: z.string().optional().describe('The next page; absent on the last page'),
});

const caseSummary = {
  caseId: z.uuid(),
  episodeNumber: z.number().int().min(1),
  returnDate: z.iso.date(),
  countryReturnedFrom: z.string(),
  receptionPoint: z.string(),
  municipalityCode: z.string(),
  districtCode: z.string().nullable(),
  status: caseStatusSchema,
  minor: z.boolean(),
};

export const returneeListItemSchema = z.object({
  returneeId: z.uuid(),
  dui: z.string().nullable(),
  firstNames: z.string(),
  lastNames: z.string(),
  dateOfBirth: z.iso.date(),
  gender: z.string(),
  latestCase: z.object(caseSummary).describe('The latest return episode'),
  links: z.object({ self: z.string() }),
});

export const returneeListSchema = z.object({
  items: z.array(returneeListItemSchema),
  links: pageLinks,
});
export type ReturneeList = z.infer<typeof returneeListSchema>;

export const caseListItemSchema = z.object({
  ...caseSummary,
  returneeId: z.uuid(),
  firstNames: z.string(),
  lastNames: z.string(),
  registeredAt: z.iso.datetime(),
  links: z.object({ returnee: z.string(), referrals: z.string() }),
});

export const caseListSchema = z.object({
  items: z.array(caseListItemSchema),
  links: pageLinks,
});
export type CaseList = z.infer<typeof caseListSchema>;
