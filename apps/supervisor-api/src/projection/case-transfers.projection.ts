import { caseTransferredV1 } from '@reintegra/event-contracts';
import { projectCaseFact, type Projections } from './projection-core';

/**
 * An accepted transfer moves the case, and its referrals with it, to the receiving office's
 * municipality: its supervisors see it from now on, the sending office's no longer do.
 */
export const caseTransfersProjections: Projections = {
  ...projectCaseFact(caseTransferredV1, async (db, data) => {
    await db.query(
      `UPDATE cases SET municipality_code = $2, district_code = $3 WHERE case_id = $1`,
      [data.caseId, data.toMunicipalityCode, data.toDistrictCode ?? null],
    );
    await db.query(`UPDATE referrals SET municipality_code = $2 WHERE case_id = $1`, [
      data.caseId,
      data.toMunicipalityCode,
    ]);
  }),
};
