import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, actorReference, canActInMunicipality } from '@reintegra/platform-auth';
import { ForbiddenError, NotFoundError, outsideMunicipality } from '@reintegra/platform-errors';
import { ConsentsService } from '../consents/consents.service';
import type { AnswerValue, Answers } from '../questionnaires/answers';
import type { LocalizedText, QuestionnaireItem } from '../questionnaires/questionnaire-definition';
import { questionnaire } from '../questionnaires/questionnaires';

type Outcome =
  | 'disclosed'
  | 'refused-no-consent'
  | 'refused-outside-municipality'
  | 'unknown-reference';

interface ScreeningRow {
  questionnaire_version: string;
  wave: number | null;
  completed_at: Date;
  suggests_victim_support: boolean;
  answers: Answers;
}

const YES_NO = { yes: { es: 'Sí', en: 'Yes' }, no: { es: 'No', en: 'No' } };

/** Labels of a yes-no or choice answer, so the counsellor reads words rather than codes. */
function answerLabels(item: QuestionnaireItem, answer: AnswerValue): LocalizedText[] | undefined {
  if (item.type === 'yes-no') return [answer === true ? YES_NO.yes : YES_NO.no];
  if (item.type !== 'single-choice' && item.type !== 'multi-choice') return undefined;
  const values = Array.isArray(answer) ? (answer as string[]) : [answer as string];
  return values.map((v) => item.options.find((o) => o.value === v)?.label ?? { es: v, en: v });
}

/**
 * Discloses violence-screening answers to victim support, by the pseudonymous reference it knows
 * (never the case), and only while the case has an active `service-referral` consent scoped to
 * victim support. Every request is logged, the refused ones too, in an append-only table.
 */
@Injectable()
export class ScreeningDisclosureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consents: ConsentsService,
  ) {}

  async disclose(reference: string, actor: Actor) {
    const result = await this.dataSource.transaction(async (manager) => {
      const [link] = (await manager.query(
        `SELECT v.case_id, e.municipality_code FROM victim_support_referrals v
           JOIN return_episodes e ON e.id = v.case_id WHERE v.reference = $1`,
        [reference],
      )) as Array<{ case_id: string; municipality_code: string }>;
      if (!link) {
        await this.log(manager, reference, null, 'unknown-reference', actor);
        return { outcome: 'unknown-reference' as const };
      }
      // The victims' office is municipal: the same check as every case route.
      if (!canActInMunicipality(actor, link.municipality_code)) {
        await this.log(manager, reference, link.case_id, 'refused-outside-municipality', actor);
        return { outcome: 'refused-outside-municipality' as const };
      }
      const consent = await this.consents.active(
        manager,
        link.case_id,
        'service-referral',
        'victim-support',
      );
      if (!consent) {
        await this.log(manager, reference, link.case_id, 'refused-no-consent', actor);
        return { outcome: 'refused-no-consent' as const };
      }
      const rows = (await manager.query(
        `SELECT a.questionnaire_version, a.wave, a.completed_at, a.suggests_victim_support, s.answers
           FROM assessment_screenings s JOIN assessments a ON a.id = s.assessment_id
          WHERE s.case_id = $1
          ORDER BY a.completed_at, a.id`,
        [link.case_id],
      )) as ScreeningRow[];
      await this.log(manager, reference, link.case_id, 'disclosed', actor, consent.id, rows.length);
      return { outcome: 'disclosed' as const, rows };
    });
    // Refusals throw only now, so that their log rows are committed.
    if (result.outcome === 'unknown-reference') {
      throw new NotFoundError('victim-support.reference-not-found', {
        es: 'No existe una remisión a atención a víctimas con esa referencia.',
        en: 'No victim-support referral with that reference.',
      });
    }
    if (result.outcome === 'refused-outside-municipality') throw outsideMunicipality();
    if (result.outcome === 'refused-no-consent') {
      throw new ForbiddenError('screening.consent-missing', {
        es: 'La persona no ha dado (o retiró) su consentimiento para compartir el tamizaje con atención a víctimas.',
        en: 'The person has not given (or withdrew) consent to share the screening with victim support.',
      });
    }
    return {
      reference,
      screenings: result.rows.map((row) => {
        const items = questionnaire(row.questionnaire_version)
          .sections.filter((s) => s.confidential)
          .flatMap((s) => s.items);
        return {
          questionnaireVersion: row.questionnaire_version,
          wave: row.wave,
          completedAt: row.completed_at.toISOString(),
          suggestsVictimSupport: row.suggests_victim_support,
          answers: items
            .filter((item) => row.answers[item.id] !== undefined)
            .map((item) => {
              const labels = answerLabels(item, row.answers[item.id]);
              return {
                itemId: item.id,
                question: item.label,
                answer: row.answers[item.id],
                ...(labels ? { answerLabels: labels } : {}),
              };
            }),
        };
      }),
    };
  }

  private async log(
    manager: EntityManager,
    reference: string,
    caseId: string | null,
    outcome: Outcome,
    actor: Actor,
    consentId: string | null = null,
    screenings = 0,
  ) {
    await manager.query(
      `INSERT INTO screening_disclosures
         (id, reference, case_id, outcome, consent_id, screenings, requested_by, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [randomUUID(), reference, caseId, outcome, consentId, screenings, actorReference(actor)],
    );
  }
}
