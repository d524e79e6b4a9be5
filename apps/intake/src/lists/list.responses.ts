import { z } from 'zod';
import { caseStatusSchema } from '@reintegra/event-contracts';
import { returneeRecordSchema } from '../returnees/update-returnee.requests';

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

export const returneeListItemSchema = returneeRecordSchema
  .pick({
    returneeId: true,
    dui: true,
    firstNames: true,
    lastNames: true,
    dateOfBirth: true,
    gender: true,
    links: true,
  })
  .extend({ latestCase: z.object(caseSummary).describe('The latest return episode') });

export const returneeListSchema = z.object({
  items: z.array(returneeListItemSchema),
  match: z
    .enum(['words', 'similar'])
    .optional()
    .describe('How names matched q: similar when no name held every word (typos)'),
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
