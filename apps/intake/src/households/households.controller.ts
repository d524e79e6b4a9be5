import { Idempotent } from '@reintegra/platform-database';
import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import {
  ApiJsonResponse,
  ApiProblems,
  CorrelationId,
  UuidParam,
  ValidBody,
} from '@reintegra/platform-http';
import {
  type AddFamilyMemberRequest,
  addFamilyMemberSchema,
  type LinkRelativeRequest,
  linkRelativeSchema,
} from './household.requests';
import { householdSchema } from './household.responses';
import { HouseholdsService } from './households.service';

/** A case's household: read by the municipal office, changed by its intake officers (audited). */
@Controller('cases/:caseId/household')
@Roles('intake-officer', 'supervisor', 'national-supervisor')
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  @Get()
  @ApiJsonResponse(200, householdSchema, {
    description: "The household of the case's person: members and links (both ways)",
  })
  @ApiProblems({ 404: 'No case with that id' })
  view(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    return this.households.view(caseId, actor);
  }

  /** A relative who is not a returnee: name, birth date and relationship, no DUI. */
  @Post('members')
  @Idempotent()
  @HttpCode(201)
  @Roles('intake-officer')
  @ApiJsonResponse(201, householdSchema, { description: 'Added and linked; the household' })
  @ApiProblems({ 404: 'No case with that id' })
  addMember(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ValidBody(addFamilyMemberSchema) body: AddFamilyMemberRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.households.addFamilyMember(caseId, body, actor, correlationId);
  }

  /** Links the case's person with a household member or another returnee (stored both ways). */
  @Post('links')
  @HttpCode(200)
  @Roles('intake-officer')
  @ApiJsonResponse(200, householdSchema, { description: 'Linked; the household' })
  @ApiProblems({
    404: 'No such case, or the member is not in this household',
    409: 'The other returnee belongs to another household',
    422: 'A person linked to themselves',
  })
  link(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ValidBody(linkRelativeSchema) body: LinkRelativeRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.households.link(caseId, body, actor, correlationId);
  }
}
