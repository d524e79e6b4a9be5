/** A row of case_transfers. */
export interface TransferRow {
  id: string;
  case_id: string;
  from_municipality_code: string;
  to_municipality_code: string;
  to_district_code: string | null;
  reason_code: string;
  consent_method: string;
  consent_given_at: Date;
  requested_at: Date;
  requested_by: string;
  status: 'requested' | 'accepted' | 'declined';
  decided_at: Date | null;
  decided_by: string | null;
  decline_reason_code: string | null;
}

export const LOCK_TRANSFER_SQL = `SELECT * FROM case_transfers WHERE id = $1 FOR UPDATE`;

/** Requests waiting for an office, oldest first. */
export const INCOMING_TRANSFERS_SQL = `
  SELECT * FROM case_transfers
   WHERE to_municipality_code = $1 AND status = 'requested'
   ORDER BY requested_at, id
   LIMIT 200`;

/**
 * What the actor's office asked, newest first: waiting ones and the answers (the sending office
 * follows its requests after it has lost access to the case itself; ids and codes only).
 */
export const OUTGOING_TRANSFERS_SQL = `
  SELECT * FROM case_transfers
   WHERE from_municipality_code = $1
   ORDER BY requested_at DESC, id
   LIMIT 200`;

/** What the API answers: ids, codes and dates (who decided is a pseudonymous reference). */
export function transferView(row: TransferRow) {
  return {
    id: row.id,
    caseId: row.case_id,
    fromMunicipalityCode: row.from_municipality_code,
    toMunicipalityCode: row.to_municipality_code,
    toDistrictCode: row.to_district_code,
    reasonCode: row.reason_code,
    consent: { method: row.consent_method, givenAt: row.consent_given_at.toISOString() },
    status: row.status,
    requestedAt: row.requested_at.toISOString(),
    requestedBy: row.requested_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedBy: row.decided_by,
    declineReasonCode: row.decline_reason_code,
  };
}
