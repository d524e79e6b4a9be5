import { Controller, HttpCode, Post } from '@nestjs/common';
import { Roles } from '@reintegra/platform-auth';
import { ValidBody } from '@reintegra/platform-http';
import { type NextProviderRequest, nextProviderRequestSchema } from './routing.requests';
import { RoutingService } from './routing.service';

/**
 * Which provider next for a referral (the orchestrator's re-routing, the plan's referral picker).
 * A POST because the person's facts travel in the body, never in a URL or a log.
 */
@Controller('routing')
export class RoutingController {
  constructor(private readonly routing: RoutingService) {}

  @Post('next-provider')
  @HttpCode(200)
  @Roles('intake-officer', 'supervisor', 'national-supervisor', 'admin')
  nextProvider(@ValidBody(nextProviderRequestSchema) body: NextProviderRequest) {
    return this.routing.nextProvider(body);
  }
}
