import { Controller, Get, Header, Query } from '@nestjs/common';
import { z } from 'zod';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { bilingual, ZodValidationPipe } from '@reintegra/platform-http';
import { findMunicipality } from '@reintegra/reference-data';
import { DASHBOARD_ROLES, municipalityFilter, scopeOf } from '../access/scope';
import { Indicators } from './indicators';

const indicatorsQuerySchema = z
  .object({
    municipality: z
      .string()
      .refine(
        (code) => findMunicipality(code) !== undefined,
        bilingual('No es un código de municipio conocido.', 'Not a known municipality code.'),
      )
      .optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: bilingual(
      'La fecha final es anterior a la inicial.',
      'The end date is before the start date.',
    ),
    path: ['to'],
  });
type IndicatorsQuery = z.infer<typeof indicatorsQuerySchema>;

@Controller('api')
@Roles(...DASHBOARD_ROLES)
export class IndicatorsController {
  constructor(private readonly indicators: Indicators) {}

  /** Funnel per service, time to acceptance, placements and enrolments per month, scores by wave. */
  @Get('indicators')
  compute(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(indicatorsQuerySchema)) query: IndicatorsQuery,
  ) {
    return this.indicators.compute(municipalityFilter(scopeOf(actor), query.municipality), query);
  }

  @Get('indicators.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="reintegra-indicadores.csv"')
  async csv(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(indicatorsQuerySchema)) query: IndicatorsQuery,
  ) {
    const figures = await this.indicators.compute(
      municipalityFilter(scopeOf(actor), query.municipality),
      query,
    );
    return this.indicators.csv(figures);
  }

  @Get('caseload')
  caseload(@CurrentActor() actor: Actor) {
    return this.indicators.caseload(scopeOf(actor).municipalityCode);
  }
}
