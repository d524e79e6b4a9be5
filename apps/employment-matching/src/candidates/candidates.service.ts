import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import { NotFoundError } from '@reintegra/platform-errors';
import { assertIfMatch } from '@reintegra/platform-http';
import { assertCanSee, assertCanWork, candidateScopeSql } from '../core/scope';
import { recognitionLifecycle, type RecognitionStatus } from '../domain/lifecycles';
import { codeOccupation } from '../domain/occupations';
import { fromMask, toMask } from '../domain/schedule';
import { REFERRAL_COLUMNS } from '../core/referral-ledger.service';
import type {
  CandidateProfileRequest,
  RecognitionDecision,
  RecognitionRequest,
} from './candidates.requests';
import {
  type CandidateRow,
  readCandidate,
  type StoredOccupation,
} from '../core/candidates.queries';

interface RecognitionRow {
  id: string;
  caseId: string;
  iscoCode: string;
  certificationCode: string;
  status: RecognitionStatus;
  reasonCode: string | null;
  version: number;
}

const RECOGNITION_COLUMNS = `id, case_id AS "caseId", isco_code AS "iscoCode",
  certification_code AS "certificationCode", status, reason_code AS "reasonCode", version`;

const recognitionNotFound = () =>
  new NotFoundError('recognition.not-found', {
    es: 'Solicitud de reconocimiento no encontrada.',
    en: 'Competence recognition not found.',
  });

/** Certification a recognised competence gives, e.g. competencia-certificada-7112. */
export const recognitionCertificate = (iscoCode: string) => `competencia-certificada-${iscoCode}`;

/** Certifications the person earned here (recognition, workshop school): a profile keeps them. */
async function earnedCertifications(manager: EntityManager, caseId: string): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT certification_code AS code FROM recognitions WHERE case_id = $1 AND status = 'certified'
     UNION
     SELECT w.certification_code FROM workshop_enrolments e JOIN workshops w ON w.id = e.workshop_id
      WHERE e.case_id = $1 AND e.status = 'certified'`,
    [caseId],
  )) as { code: string }[];
  return rows.map((row) => row.code);
}

export function candidateView(candidate: CandidateRow) {
  return {
    caseId: candidate.caseId,
    code: candidate.code,
    open: candidate.open,
    consentWithdrawn: candidate.consentWithdrawn,
    profiled: candidate.profiled,
    displayName: candidate.displayName,
    contactPhone: candidate.contactPhone,
    municipalityCode: candidate.municipalityCode,
    districtCode: candidate.districtCode,
    minor: candidate.minor,
    occupations: candidate.occupations,
    skills: candidate.skills,
    certifications: candidate.certifications,
    preferredMunicipalityCodes: candidate.preferredMunicipalities,
    availability: candidate.availability ? fromMask(candidate.availability) : null,
    version: candidate.version,
  };
}

/**
 * Candidates (created by employment referrals) and their skills profiles, including competence
 * recognition requests. Reads are limited to the caller's candidates (see access/scope.ts).
 */
@Injectable()
export class CandidatesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor) {
    const params: unknown[] = [];
    const scope = candidateScopeSql(actor, params);
    return this.dataSource.query(
      `SELECT c.case_id AS "caseId", c.code, c.display_name AS "displayName", c.open, c.profiled,
              c.municipality_code AS "municipalityCode", c.updated_at AS "updatedAt",
              (SELECT coalesce(json_agg(json_build_object('id', r.id, 'status', r.status,
                        'providerIds', r.provider_ids) ORDER BY r.received_at), '[]')
                 FROM referrals r WHERE r.case_id = c.case_id) AS referrals
         FROM candidates c WHERE ${scope} ORDER BY c.updated_at DESC LIMIT 500`,
      params,
    );
  }

  async get(caseId: string, actor: Actor) {
    const manager = this.dataSource.manager;
    const candidate = await readCandidate(manager, caseId);
    assertCanSee(actor, candidate);
    const [referrals, recognitions, training, projects] = await Promise.all([
      manager.query(
        `SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.case_id = $1 ORDER BY r.received_at`,
        [caseId],
      ),
      manager.query(`SELECT ${RECOGNITION_COLUMNS} FROM recognitions WHERE case_id = $1`, [caseId]),
      manager.query(
        `SELECT e.id, e.workshop_id AS "workshopId", e.status, e.reason_code AS "reasonCode"
           FROM workshop_enrolments e WHERE e.case_id = $1 ORDER BY e.created_at`,
        [caseId],
      ),
      manager.query(
        `SELECT id, status, sector_isco_code AS "sectorIscoCode" FROM projects
          WHERE case_id = $1 ORDER BY created_at`,
        [caseId],
      ),
    ]);
    return { ...candidateView(candidate), referrals, recognitions, training, projects };
  }

  /**
   * Records the skills profile (If-Match: the ETag read). Occupations given as words are coded
   * to ISCO-08 through the synonym table where it knows them; the rest stay as written
   * (`uncoded` in the answer) for the caseworker to code with GET /occupations.
   */
  async putProfile(
    caseId: string,
    request: CandidateProfileRequest,
    ifMatch: string | undefined,
    actor: Actor,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const candidate = await readCandidate(manager, caseId, true);
      assertCanWork(actor, candidate);
      assertIfMatch(ifMatch, candidate.version);
      const occupations: StoredOccupation[] = request.occupations.map((occupation) => ({
        iscoCode:
          occupation.iscoCode ??
          (occupation.text ? codeOccupation(occupation.text) : undefined) ??
          null,
        text: occupation.text ?? null,
        yearsLocal: occupation.yearsLocal,
        yearsAbroad: occupation.yearsAbroad,
      }));
      const certifications = [
        ...new Set([...request.certifications, ...(await earnedCertifications(manager, caseId))]),
      ];
      const municipalityCode = request.municipalityCode ?? candidate.municipalityCode;
      const districtCode = request.municipalityCode
        ? (request.districtCode ?? null)
        : (request.districtCode ?? candidate.districtCode);
      await manager.query(
        `UPDATE candidates SET display_name = $2, contact_phone = $3, municipality_code = $4,
                district_code = $5, minor = $6, occupations = $7, isco_codes = $8, skills = $9,
                certifications = $10, preferred_municipalities = $11, availability = $12,
                profiled = true, version = version + 1, updated_at = now()
          WHERE case_id = $1`,
        [
          caseId,
          request.displayName ?? null,
          request.contactPhone ?? null,
          municipalityCode,
          districtCode,
          request.minor ?? candidate.minor,
          JSON.stringify(occupations),
          [...new Set(occupations.flatMap((o) => (o.iscoCode ? [o.iscoCode] : [])))],
          request.skills,
          certifications,
          request.preferredMunicipalityCodes,
          toMask(request.availability),
        ],
      );
      const updated = await readCandidate(manager, caseId);
      return {
        ...candidateView(updated),
        uncoded: occupations.filter((o) => !o.iscoCode).map((o) => o.text),
      };
    });
  }

  /** A competence recognition request (requested → assessed → certified | not-certified). */
  async requestRecognition(caseId: string, request: RecognitionRequest, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      const candidate = await readCandidate(manager, caseId, true);
      assertCanWork(actor, candidate);
      const id = randomUUID();
      await manager.query(
        `INSERT INTO recognitions (id, case_id, isco_code, certification_code, status)
         VALUES ($1, $2, $3, $4, 'requested')`,
        [id, caseId, request.iscoCode, recognitionCertificate(request.iscoCode)],
      );
      return this.readRecognition(manager, id);
    });
  }

  async assessRecognition(recognitionId: string, actor: Actor) {
    return this.moveRecognition(recognitionId, actor, async (manager, recognition) => {
      recognitionLifecycle.assert(recognition.status, 'assessed');
      await manager.query(
        `UPDATE recognitions SET status = 'assessed', version = version + 1, updated_at = now()
          WHERE id = $1`,
        [recognition.id],
      );
    });
  }

  /** Certified: the certificate joins the person's certifications (and counts in matching). */
  async decideRecognition(recognitionId: string, decision: RecognitionDecision, actor: Actor) {
    return this.moveRecognition(recognitionId, actor, async (manager, recognition) => {
      const to = decision.certified ? 'certified' : 'not-certified';
      recognitionLifecycle.assert(recognition.status, to);
      await manager.query(
        `UPDATE recognitions SET status = $2, reason_code = $3, version = version + 1,
                updated_at = now() WHERE id = $1`,
        [recognition.id, to, decision.certified ? null : decision.reasonCode],
      );
      if (decision.certified) {
        await manager.query(
          `UPDATE candidates SET certifications = array_append(array_remove(certifications, $2), $2),
                  version = version + 1, updated_at = now() WHERE case_id = $1`,
          [recognition.caseId, recognition.certificationCode],
        );
      }
    });
  }

  private async moveRecognition(
    recognitionId: string,
    actor: Actor,
    apply: (manager: EntityManager, recognition: RecognitionRow) => Promise<void>,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const located = await this.readRecognition(manager, recognitionId);
      const candidate = await readCandidate(manager, located.caseId, true);
      try {
        assertCanWork(actor, candidate);
      } catch (error) {
        if (error instanceof NotFoundError) throw recognitionNotFound();
        throw error;
      }
      const recognition = await this.readRecognition(manager, recognitionId, true);
      await apply(manager, recognition);
      return this.readRecognition(manager, recognitionId);
    });
  }

  private async readRecognition(manager: EntityManager, id: string, lock = false) {
    const rows = (await manager.query(
      `SELECT ${RECOGNITION_COLUMNS} FROM recognitions WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    )) as RecognitionRow[];
    if (!rows[0]) throw recognitionNotFound();
    return rows[0];
  }
}
