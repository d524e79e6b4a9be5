import { Controller, Get } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { UuidParam } from '@reintegra/platform-http';
import { ScreeningDisclosureService } from './screening-disclosure.service';

/** Victim support reads a survivor's screening by its pseudonymous reference, with consent only. */
@Controller('victim-support-referrals/:reference')
@Roles('victim-support-counsellor', 'victim-support-supervisor')
export class ScreeningDisclosureController {
  constructor(private readonly disclosures: ScreeningDisclosureService) {}

  @Get('screening')
  screening(@CurrentActor() actor: Actor, @UuidParam('reference') reference: string) {
    return this.disclosures.disclose(reference, actor);
  }
}
