import { Idempotent } from '@reintegra/platform-database';
import { Get, Post } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import {
  ApiJsonResponse,
  ApiProblems,
  Caller,
  UuidParam,
  ValidBody,
} from '@reintegra/platform-http';
import { CaseController, OfficerWrite } from '../core/case-routes';
import {
  type AddFamilyMemberRequest,
  addFamilyMemberSchema,
  type LinkRelativeRequest,
  linkRelativeSchema,
} from './household.requests';
import { householdSchema } from './household.responses';
import { HouseholdsService } from './households.service';

/** A case's household: read by the municipal office, changed by its intake officers (audited). */
@CaseController('cases/:caseId/household')
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
  @OfficerWrite(
    201,
    householdSchema,
    { 404: 'No case with that id' },
    { description: 'Added and linked; the household' },
  )
  addMember(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') caseId: string,
    @ValidBody(addFamilyMemberSchema) body: AddFamilyMemberRequest,
  ) {
    return this.households.addFamilyMember(caseId, body, actor, context.correlationId);
  }

  /** Links the case's person with a household member or another returnee (stored both ways). */
  @Post('links')
  @OfficerWrite(
    200,
    householdSchema,
    {
      404: 'No such case, or the member is not in this household',
      409: 'The other returnee belongs to another household',
      422: 'A person linked to themselves',
    },
    { description: 'Linked; the household' },
  )
  link(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') caseId: string,
    @ValidBody(linkRelativeSchema) body: LinkRelativeRequest,
  ) {
    return this.households.link(caseId, body, actor, context.correlationId);
  }
}
