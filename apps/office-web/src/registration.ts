import type { Problem } from '@reintegra/ui-web';

/** A person of an arrival list (GET /arrival-lists/:id/entries). */
export interface ArrivalEntry {
  id: string;
  row: number;
  transport: 'flight' | 'bus';
  tripNumber: string;
  arrivalDate: string;
  receptionPoint: string;
  countryReturnedFrom: string;
  firstNames: string;
  lastNames: string;
  dateOfBirth: string;
  gender: string;
  dui: string | null;
  municipalityCode: string | null;
  status: 'pending' | 'registered';
  returneeId: string | null;
}

/** What the officer sees and completes; every value a string, as in the inputs. */
export interface RegistrationForm {
  dui: string;
  firstNames: string;
  lastNames: string;
  dateOfBirth: string;
  gender: string;
  returnDate: string;
  countryReturnedFrom: string;
  receptionPoint: string;
  municipalityCode: string;
  districtCode: string;
  phone: string;
}

/** The form's fields, in the order they are shown (field errors of the API use these names). */
export const FORM_FIELDS = [
  'dui',
  'firstNames',
  'lastNames',
  'dateOfBirth',
  'gender',
  'returnDate',
  'countryReturnedFrom',
  'receptionPoint',
  'municipalityCode',
  'districtCode',
  'phone',
] as const satisfies readonly (keyof RegistrationForm)[];

/** The arrival entry pre-fills everything it has; the municipality defaults to the officer's. */
export function formFromEntry(
  entry: ArrivalEntry,
  officerMunicipality: string | null,
): RegistrationForm {
  return {
    dui: entry.dui ?? '',
    firstNames: entry.firstNames,
    lastNames: entry.lastNames,
    dateOfBirth: entry.dateOfBirth,
    gender: entry.gender,
    returnDate: entry.arrivalDate,
    countryReturnedFrom: entry.countryReturnedFrom,
    receptionPoint: entry.receptionPoint,
    municipalityCode: entry.municipalityCode ?? officerMunicipality ?? '',
    districtCode: '',
    phone: '',
  };
}

const trimmed = (value: string) => value.trim();

/** The return of this episode (also the body of POST /returnees/:id/episodes, with its arrival entry). */
export function episodeBody(form: RegistrationForm, arrivalEntryId?: string) {
  return {
    returnDate: form.returnDate,
    countryReturnedFrom: trimmed(form.countryReturnedFrom).toUpperCase(),
    receptionPoint: form.receptionPoint,
    municipalityCode: form.municipalityCode,
    ...(form.districtCode ? { districtCode: form.districtCode } : {}),
    ...(arrivalEntryId ? { arrivalEntryId } : {}),
  };
}

/** The body of POST /returnees: empty optional fields left out. */
export function registrationBody(
  form: RegistrationForm,
  arrivalEntryId: string | undefined,
  confirmedNewPerson = false,
) {
  return {
    ...(trimmed(form.dui) ? { dui: trimmed(form.dui) } : {}),
    firstNames: trimmed(form.firstNames),
    lastNames: trimmed(form.lastNames),
    dateOfBirth: form.dateOfBirth,
    gender: form.gender,
    ...(trimmed(form.phone) ? { contact: { phone: trimmed(form.phone) } } : {}),
    ...episodeBody(form),
    ...(arrivalEntryId ? { arrivalEntryId } : {}),
    ...(confirmedNewPerson ? { confirmedNewPerson: true as const } : {}),
  };
}

/** The form a queued registration was made from (to compare it with the records intake found). */
export function formFromBody(body: Record<string, unknown>): RegistrationForm {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const contact = body['contact'];
  return {
    dui: text(body['dui']),
    firstNames: text(body['firstNames']),
    lastNames: text(body['lastNames']),
    dateOfBirth: text(body['dateOfBirth']),
    gender: text(body['gender']),
    returnDate: text(body['returnDate']),
    countryReturnedFrom: text(body['countryReturnedFrom']),
    receptionPoint: text(body['receptionPoint']),
    municipalityCode: text(body['municipalityCode']),
    districtCode: text(body['districtCode']),
    phone:
      contact && typeof contact === 'object' ? text((contact as { phone?: unknown }).phone) : '',
  };
}

/** A record intake offers as possibly the same person. */
export interface DuplicateCandidate {
  returneeId: string;
  nameSimilarity: number | null;
  sameDateOfBirth: boolean | null;
  /** Same DUI: certainly the same person (a different person cannot be confirmed). */
  sameDui: boolean;
}

const RETURNEE_LINK = /\/returnees\/([0-9a-f-]{36})/i;

/**
 * The people a 409 of POST /returnees points to: the record with the same DUI, or the possible
 * duplicates by name and date of birth. Undefined when the conflict is of another kind.
 */
export function duplicatesOf(problem: Problem): DuplicateCandidate[] | undefined {
  if (problem.status !== 409) return undefined;
  if (problem.code === 'returnee.duplicate-dui') {
    const id = RETURNEE_LINK.exec(problem.existing ?? '')?.[1];
    return id
      ? [{ returneeId: id, nameSimilarity: null, sameDateOfBirth: null, sameDui: true }]
      : undefined;
  }
  if (problem.code !== 'returnee.possible-duplicate') return undefined;
  const candidates = problem.extensions?.['candidates'];
  if (!Array.isArray(candidates)) return undefined;
  return candidates
    .filter(
      (c): c is Record<string, unknown> =>
        !!c &&
        typeof c === 'object' &&
        typeof (c as { returneeId?: unknown }).returneeId === 'string',
    )
    .map((c) => ({
      returneeId: c['returneeId'] as string,
      nameSimilarity: typeof c['nameSimilarity'] === 'number' ? c['nameSimilarity'] : null,
      sameDateOfBirth: typeof c['sameDateOfBirth'] === 'boolean' ? c['sameDateOfBirth'] : null,
      sameDui: false,
    }));
}
