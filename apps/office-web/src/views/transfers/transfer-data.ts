import { departments, findMunicipality, municipalities } from '@reintegra/reference-data';

/** A transfer request as intake answers it (ids, codes and dates; no personal data). */
export interface Transfer {
  id: string;
  caseId: string;
  fromMunicipalityCode: string;
  toMunicipalityCode: string;
  toDistrictCode: string | null;
  reasonCode: string;
  consent: { method: string; givenAt: string };
  status: 'requested' | 'accepted' | 'declined';
  requestedAt: string;
  decidedAt: string | null;
  declineReasonCode: string | null;
}

/** A municipality's name from the reference data, or its code when unknown. */
export const municipalityName = (code: string) => findMunicipality(code)?.name ?? code;

/**
 * The municipalities an office can hand a case to, grouped by department (44 since 2024): every
 * one but the case's own, which intake would refuse.
 */
export function receivingMunicipalities(ownCode: string) {
  return departments
    .map((department) => ({
      department: department.name,
      options: municipalities
        .filter((m) => m.departmentCode === department.code && m.code !== ownCode)
        .map((m) => ({ code: m.code, name: m.name })),
    }))
    .filter((group) => group.options.length > 0);
}

/** The case's latest request from the office's outgoing list (the newest comes first). */
export function latestTransferOf(caseId: string, outgoing: readonly Transfer[] | undefined) {
  return outgoing?.find((transfer) => transfer.caseId === caseId);
}
