import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { Roles } from '@reintegra/platform-auth';
import { ZodValidationPipe } from '@reintegra/platform-http';
import { lookupOccupations } from '../domain/occupations';
import vocabulary from '../reference/skill-synonyms.json';

const query = z.string().trim().min(1).max(120);

/** Coding help for profiles and vacancies: ISCO-08 from free text, and the skill vocabulary. */
@Controller()
export class OccupationsController {
  /** e.g. ?q=albañil → 7112 Albañiles; ?q=drywall → 7123 Revocadores. */
  @Get('occupations')
  @Roles('employment-caseworker', 'partner', 'supervisor', 'national-supervisor', 'admin')
  lookup(@Query('q', new ZodValidationPipe(query)) q: string) {
    return lookupOccupations(q, 10);
  }

  @Get('skills')
  @Roles('employment-caseworker', 'partner', 'supervisor', 'national-supervisor', 'admin')
  skills() {
    return vocabulary.skills.map(({ code, es, en }) => ({ code, es, en }));
  }
}
