import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type Actor, actorReference, canActInMunicipality } from '@reintegra/platform-auth';
import { ConflictError, NotFoundError, UnprocessableError } from '@reintegra/platform-errors';
import { CaseAccess } from '../core/case-access.service';
import { IntakeAudit } from '../core/intake-audit.service';
import type { ReturnEpisode } from '../core/returnee.entities';
import type { AddFamilyMemberRequest, LinkRelativeRequest } from './household.requests';
import type { HouseholdMemberView, HouseholdView } from './household.responses';
import {
  addReturneeMember,
  ensureReturneeMember,
  linkBothWays,
  type MemberRef,
  memberOfReturnee,
  newHousehold,
} from './household-store';
import type { Relationship } from './relationships';

interface MemberRow {
  id: string;
  returnee_id: string | null;
  first_names: string;
  last_names: string;
  date_of_birth: string;
  case_id: string | null;
  municipality_code: string | null;
}

const selfLink = () =>
  new UnprocessableError('household.self-link', {
    es: 'Una persona no puede ser su propio familiar.',
    en: 'A person cannot be their own relative.',
  });

export const householdMemberNotFound = () =>
  new NotFoundError('household.member-not-found', {
    es: 'Esa persona no es miembro del grupo familiar de este expediente.',
    en: "That person is not a member of this case's household.",
  });

/** Who lives with whom: a case's household, its members who did not return, and their links. */
@Injectable()
export class HouseholdsService {
  constructor(
    private readonly cases: CaseAccess,
    private readonly audit: IntakeAudit,
  ) {}

  view(caseId: string, actor: Actor): Promise<HouseholdView> {
    return this.cases.inCase(caseId, actor, async (manager, episode) => {
      return this.viewOf(manager, episode, actor);
    });
  }

  addFamilyMember(
    caseId: string,
    request: AddFamilyMemberRequest,
    actor: Actor,
    correlationId: string,
  ): Promise<HouseholdView> {
    const { relationship } = request;
    const change = {
      action: 'household.member-added',
      actor,
      correlationId,
      relationship,
    } as const;
    return this.changeHousehold(caseId, change, async (manager, episode, at) => {
      const person = await ensureReturneeMember(manager, episode.returneeId, at);
      const memberId = randomUUID();
      await manager.query(
        `INSERT INTO household_members (id, household_id, first_names, last_names, date_of_birth, added_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          memberId,
          person.householdId,
          request.firstNames,
          request.lastNames,
          request.dateOfBirth,
          at,
        ],
      );
      await linkBothWays(manager, person.id, memberId, relationship);
      return memberId;
    });
  }

  link(
    caseId: string,
    request: LinkRelativeRequest,
    actor: Actor,
    correlationId: string,
  ): Promise<HouseholdView> {
    const { relationship } = request;
    const change = { action: 'household.linked', actor, correlationId, relationship } as const;
    return this.changeHousehold(caseId, change, async (manager, episode, at) => {
      const [person, relative] = request.relativeCaseId
        ? await this.joinReturnees(manager, episode, request.relativeCaseId, actor, at)
        : await this.sameHouseholdMember(manager, episode, request.relativeMemberId ?? '', at);
      if (person.id === relative.id) throw selfLink();
      await linkBothWays(manager, person.id, relative.id, relationship);
      return relative.id;
    });
  }

  /**
   * A change of the case's household, audited with the member it concerns and the relationship,
   * answered with the household as it now is.
   */
  private changeHousehold(
    caseId: string,
    change: {
      action: 'household.member-added' | 'household.linked';
      actor: Actor;
      correlationId: string;
      relationship: Relationship;
    },
    apply: (manager: EntityManager, episode: ReturnEpisode, at: Date) => Promise<string>,
  ): Promise<HouseholdView> {
    return this.cases.inCase(caseId, change.actor, async (manager, episode) => {
      const at = new Date();
      const memberId = await apply(manager, episode, at);
      await this.audit.record(manager, {
        action: change.action,
        actor: actorReference(change.actor),
        caseId: episode.id,
        returneeId: episode.returneeId,
        relatedId: memberId,
        reasonCode: change.relationship,
        correlationId: change.correlationId,
        at,
      });
      return this.viewOf(manager, episode, change.actor);
    });
  }

  /** A household's members with their names (a returnee's from their record). */
  private async membersOf(manager: EntityManager, householdId: string): Promise<MemberRow[]> {
    return manager.query(
      `SELECT m.id, m.returnee_id,
              COALESCE(r.first_names, m.first_names) AS first_names,
              COALESCE(r.last_names, m.last_names) AS last_names,
              COALESCE(r.date_of_birth, m.date_of_birth)::text AS date_of_birth,
              e.id AS case_id, e.municipality_code
         FROM household_members m
         LEFT JOIN returnees r ON r.id = m.returnee_id
         LEFT JOIN LATERAL (
           SELECT id, municipality_code FROM return_episodes
            WHERE returnee_id = m.returnee_id ORDER BY episode_number DESC LIMIT 1
         ) e ON true
        WHERE m.household_id = $1
        ORDER BY m.added_at, m.id`,
      [householdId],
    );
  }

  private async viewOf(
    manager: EntityManager,
    episode: ReturnEpisode,
    actor: Actor,
  ): Promise<HouseholdView> {
    const [own]: Array<{ household_id: string }> = await manager.query(
      `SELECT household_id FROM household_members WHERE returnee_id = $1`,
      [episode.returneeId],
    );
    if (!own) return { caseId: episode.id, householdId: null, members: [], links: [] };
    const members = (await this.membersOf(manager, own.household_id)).map(
      (row): HouseholdMemberView => ({
        id: row.id,
        kind: row.returnee_id ? 'returnee' : 'family-member',
        firstNames: row.first_names,
        lastNames: row.last_names,
        dateOfBirth: row.date_of_birth,
        returneeId: row.returnee_id,
        // Another office's case is named only to those who may open it.
        caseId:
          row.case_id && row.municipality_code && canActInMunicipality(actor, row.municipality_code)
            ? row.case_id
            : null,
        thisCase: row.returnee_id === episode.returneeId,
      }),
    );
    const links: Array<{ memberId: string; relativeId: string; relationship: Relationship }> =
      await manager.query(
        `SELECT l.member_id AS "memberId", l.relative_id AS "relativeId", l.relationship
           FROM household_links l JOIN household_members m ON m.id = l.member_id
          WHERE m.household_id = $1
          ORDER BY l.member_id, l.relative_id`,
        [own.household_id],
      );
    return { caseId: episode.id, householdId: own.household_id, members, links };
  }

  private async sameHouseholdMember(
    manager: EntityManager,
    episode: ReturnEpisode,
    memberId: string,
    at: Date,
  ): Promise<[MemberRef, MemberRef]> {
    const person = await ensureReturneeMember(manager, episode.returneeId, at);
    const [relative]: Array<{ id: string }> = await manager.query(
      `SELECT id FROM household_members WHERE id = $1 AND household_id = $2`,
      [memberId, person.householdId],
    );
    if (!relative) throw householdMemberNotFound();
    return [person, { id: relative.id, householdId: person.householdId }];
  }

  /** Two returnees of one family: they join one household (the one either already has). */
  private async joinReturnees(
    manager: EntityManager,
    episode: ReturnEpisode,
    relativeCaseId: string,
    actor: Actor,
    at: Date,
  ): Promise<[MemberRef, MemberRef]> {
    const other = await this.cases.caseFor(manager, relativeCaseId, actor);
    if (other.returneeId === episode.returneeId) throw selfLink();
    const mine = await memberOfReturnee(manager, episode.returneeId);
    const theirs = await memberOfReturnee(manager, other.returneeId);
    if (mine && theirs) {
      if (mine.householdId !== theirs.householdId) {
        throw new ConflictError(
          'household.other-household',
          {
            es: 'Esa persona ya pertenece a otro grupo familiar: no se unen dos grupos automáticamente.',
            en: 'That person already belongs to another household: two households are not joined automatically.',
          },
          `/cases/${relativeCaseId}/household`,
        );
      }
      return [mine, theirs];
    }
    const householdId =
      mine?.householdId ?? theirs?.householdId ?? (await newHousehold(manager, at));
    return [
      mine ?? (await addReturneeMember(manager, householdId, episode.returneeId, at)),
      theirs ?? (await addReturneeMember(manager, householdId, other.returneeId, at)),
    ];
  }
}
