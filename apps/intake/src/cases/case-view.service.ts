import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import { CasePlan } from '../plans/case-plan.entity';
import { goalDimensions } from '../plans/plan-rules';
import { Referral } from '../referrals/referral.entity';
import { referralView } from '../referrals/referrals.service';
import { CaseAccess } from '../core/case-access.service';
import { allowedNextStatuses } from '../core/case-lifecycle';

/** One case at a glance: status and version (ETag), episode, plan summary, referrals. */
@Injectable()
export class CaseViewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseAccess,
  ) {}

  read(caseId: string, actor: Actor) {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const episode = await this.cases.caseFor(manager, caseId, actor);
      const plan = await manager.findOne(CasePlan, { where: { caseId } });
      const referrals = await manager.find(Referral, {
        where: { caseId },
        order: { requestedAt: 'ASC' },
      });
      const [proposal] = (await manager.query(
        `SELECT reason, proposed_at FROM case_closure_proposals
          WHERE case_id = $1 AND decided_at IS NULL`,
        [caseId],
      )) as Array<{ reason: string; proposed_at: Date }>;
      const self = `/cases/${caseId}`;
      return {
        caseId,
        returneeId: episode.returneeId,
        status: episode.status,
        statusChangedAt: episode.statusChangedAt.toISOString(),
        allowedNextStatuses: allowedNextStatuses(episode.status),
        closureReason: episode.closureReason,
        version: episode.version,
        episode: {
          episodeNumber: episode.episodeNumber,
          returnDate: episode.returnDate,
          countryReturnedFrom: episode.countryReturnedFrom,
          receptionPoint: episode.receptionPoint,
          municipalityCode: episode.municipalityCode,
          districtCode: episode.districtCode,
          minor: episode.minor,
          registeredAt: episode.registeredAt.toISOString(),
        },
        plan: plan
          ? {
              id: plan.id,
              status: plan.status,
              version: plan.version,
              goalDimensions: goalDimensions(plan.goals),
              proposedReferrals: plan.proposedReferrals.length,
              approvedAt: plan.approvedAt?.toISOString() ?? null,
            }
          : null,
        referrals: referrals.map(referralView),
        closureProposal: proposal
          ? { reason: proposal.reason, proposedAt: proposal.proposed_at.toISOString() }
          : null,
        links: {
          self,
          returnee: `/returnees/${episode.returneeId}`,
          plan: `${self}/plan`,
          consents: `${self}/consents`,
          referrals: `${self}/referrals`,
        },
      };
    });
  }
}
