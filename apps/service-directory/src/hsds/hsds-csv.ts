/**
 * HSDS 3 tabular form of the `service` table (services.csv of an HSDS data package): the flat
 * fields of a service, in the specification's order. Nested objects (organisation, locations,
 * schedules, …) are tables of their own in the tabular form and are not repeated here.
 */
export const HSDS_SERVICE_COLUMNS = [
  'id',
  'organization_id',
  'program_id',
  'name',
  'alternate_name',
  'description',
  'url',
  'email',
  'status',
  'interpretation_services',
  'application_process',
  'fees_description',
  'wait_time',
  'fees',
  'accreditations',
  'eligibility_description',
  'minimum_age',
  'maximum_age',
  'assured_date',
  'assurer_email',
  'licenses',
  'alert',
  'last_modified',
] as const;

const cell = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** services.csv from HSDS service objects (RFC 4180, CRLF, header first). */
export function servicesCsv(services: readonly Record<string, unknown>[]): string {
  const lines = [HSDS_SERVICE_COLUMNS.join(',')];
  for (const service of services)
    lines.push(HSDS_SERVICE_COLUMNS.map((c) => cell(service[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
