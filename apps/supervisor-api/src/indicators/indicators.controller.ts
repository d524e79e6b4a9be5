import { Controller, Get, Header } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ValidQuery } from '@reintegra/platform-http';
import { DASHBOARD_ROLES, municipalityFilter, scopeOf } from '../core/scope';
import { Indicators } from './indicators.queries';
import { type IndicatorsQuery, indicatorsQuerySchema } from './indicators.requests';

@Controller('api')
@Roles(...DASHBOARD_ROLES)
export class IndicatorsController {
  constructor(private readonly indicators: Indicators) {}

  /** Funnel per service, time to acceptance, placements and enrolments per month, scores by wave. */
  @Get('indicators')
  compute(@CurrentActor() actor: Actor, @ValidQuery(indicatorsQuerySchema) query: IndicatorsQuery) {
    return this.indicators.compute(municipalityFilter(scopeOf(actor), query.municipality), query);
  }

  @Get('indicators.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="reintegra-indicadores.csv"')
  async csv(
    @CurrentActor() actor: Actor,
    @ValidQuery(indicatorsQuerySchema) query: IndicatorsQuery,
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
