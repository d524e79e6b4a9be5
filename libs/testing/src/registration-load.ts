import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { duiWithCheckDigit } from './journey-fixtures';
import { testToken } from './test-identity';

const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';

/** One person of the load: registered, consenting to employment, referred to employment. */
export interface LoadPerson {
  dui: string;
  /** Set once intake answered the registration (201, its replay, or the DUI already there). */
  returneeId?: string;
  caseId?: string;
  referralId?: string;
  /** When each step was first sent (epoch ms) and how long until its definitive answer. */
  steps: Partial<Record<LoadStep, { sentAt: number; ms: number }>>;
}

export type LoadStep = 'registration' | 'consent' | 'referral';

export interface LoadFigures {
  requests: number;
  /** Attempts that met a service or an engine down (connection refused, 5xx, timeout). */
  retried: number;
}

export interface RegistrationLoadOptions {
  /** Intake's base URL, asked again on every attempt: a caller may go round replicas. */
  intakeUrl: () => string;
  /** The token's subject, and the marks of this suite's people and referrals in the data. */
  officer: string;
  lastNames: string;
  providerId: string;
  workers: number;
  minimum: number;
  pauseMs: number;
  stop: () => boolean;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

type Walk = Pick<RegistrationLoadOptions, 'intakeUrl' | 'officer' | 'lastNames' | 'providerId'> & {
  figures: LoadFigures;
};

/**
 * Sends one request until it has a definitive answer, as a careful client does: the same
 * Idempotency-Key on every attempt, so an answer lost to a crash is replayed, never done twice.
 * Refused connections, timeouts, 5xx and "still in progress" (409 with Retry-After) are tried
 * again with backoff; any other answer is final.
 */
async function definitive(
  walk: Walk,
  step: { person: LoadPerson; name: LoadStep },
  path: string,
  body: unknown,
  key: string,
): Promise<Answer> {
  const sentAt = Date.now();
  const giveUpAt = sentAt + 240_000;
  for (let attempt = 0; ; attempt += 1) {
    walk.figures.requests += 1;
    try {
      const response = await fetch(`${walk.intakeUrl()}${path}`, {
        method: 'POST',
        headers: {
          authorization: await testToken({
            roles: ['intake-officer'],
            municipalityCode: MUNICIPALITY,
            subject: walk.officer,
          }),
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const inProgress = response.status === 409 && response.headers.has('retry-after');
      if (response.status < 500 && !inProgress) {
        const answer = { status: response.status, body: (await response.json()) as Answer['body'] };
        step.person.steps[step.name] = { sentAt, ms: Date.now() - sentAt };
        return answer;
      }
    } catch {
      // The service or its engine is down: the next attempt finds it back.
    }
    walk.figures.retried += 1;
    if (Date.now() > giveUpAt) throw new Error(`no definitive answer for ${path} in 4 minutes`);
    await sleep(Math.min(2_000, 150 * 2 ** Math.min(attempt, 4)));
  }
}

/** A GET until it answers 200. */
async function definitiveRead(walk: Walk, path: string): Promise<Answer['body']> {
  for (;;) {
    walk.figures.requests += 1;
    const response = await fetch(`${walk.intakeUrl()}${path}`, {
      headers: {
        authorization: await testToken({
          roles: ['intake-officer'],
          municipalityCode: MUNICIPALITY,
        }),
      },
      signal: AbortSignal.timeout(15_000),
    }).catch(() => undefined);
    if (response?.status === 200) return (await response.json()) as Answer['body'];
    walk.figures.retried += 1;
    await sleep(1_000);
  }
}

function newPerson(): LoadPerson {
  return { dui: duiWithCheckDigit(String(randomInt(10_000_000, 99_999_999))), steps: {} };
}

/** Registers, gives the employment consent and refers one person; each step until answered. */
async function walkOne(walk: Walk, person: LoadPerson): Promise<void> {
  const registered = await definitive(
    walk,
    { person, name: 'registration' },
    `/returnees`,
    {
      // A distinct DUI: two people, never a "possible duplicate" of each other.
      dui: person.dui,
      firstNames: `Persona ${randomUUID().slice(0, 8)}`,
      lastNames: walk.lastNames,
      dateOfBirth: `19${randomInt(60, 99)}-0${randomInt(1, 9)}-1${randomInt(0, 9)}`,
      gender: 'female',
      returnDate: '2026-11-30',
      countryReturnedFrom: 'US',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
      municipalityCode: MUNICIPALITY,
      districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    },
    `registration-${person.dui}`,
  );
  if (registered.status === 201) {
    person.returneeId = registered.body['returneeId'] as string;
    person.caseId = registered.body['caseId'] as string;
  } else if (registered.body['code'] === 'returnee.duplicate-dui') {
    // Registered by an earlier attempt whose answer and idempotency record a crash lost: the DUI
    // is this person's alone, so the record is theirs — once. Its case is read back.
    person.returneeId = (registered.body['links'] as { returnee: string }).returnee.split('/')[2];
    const view = await definitiveRead(walk, `/returnees/${person.returneeId}`);
    person.caseId = (view['episodes'] as { caseId: string }[])[0].caseId;
  } else
    throw new Error(
      `registration answered ${registered.status}: ${JSON.stringify(registered.body)}`,
    );
  const consent = await definitive(
    walk,
    { person, name: 'consent' },
    `/cases/${person.caseId}/consents`,
    { purpose: 'service-referral', scope: 'employment', formVersion: 'CONS-2026-01' },
    `consent-${person.dui}`,
  );
  // Already granted: an earlier attempt gave it, and a crash lost its answer (once, all the same).
  if (consent.status !== 201 && consent.body['code'] !== 'consent.already-granted')
    throw new Error(`consent answered ${consent.status}: ${JSON.stringify(consent.body)}`);
  const referral = await definitive(
    walk,
    { person, name: 'referral' },
    `/cases/${person.caseId}/referrals`,
    { service: 'employment', priority: 'normal', providerIds: [walk.providerId] },
    `referral-${person.dui}`,
  );
  if (referral.status !== 201)
    throw new Error(`referral answered ${referral.status}: ${JSON.stringify(referral.body)}`);
  person.referralId = referral.body['id'] as string;
}

/**
 * Keeps `workers` officers registering and referring people until `stop()` says so and at least
 * `minimum` people are through. Every person's three requests reach a definitive answer: the load
 * of the chaos and cluster failover suites, which kill parts of the stack under it.
 */
export async function runRegistrationLoad(
  options: RegistrationLoadOptions,
): Promise<{ people: LoadPerson[]; figures: LoadFigures }> {
  const people: LoadPerson[] = [];
  const figures: LoadFigures = { requests: 0, retried: 0 };
  const walk: Walk = { ...options, figures };
  const worker = async () => {
    while (!options.stop() || people.length < options.minimum) {
      const person = newPerson();
      people.push(person);
      await walkOne(walk, person);
      // An office's pace, not a flood: a few people a second across the workers.
      await sleep(options.pauseMs);
    }
  };
  await Promise.all(Array.from({ length: options.workers }, worker));
  return { people, figures };
}

export interface FlightOptions
  extends Omit<RegistrationLoadOptions, 'workers' | 'minimum' | 'pauseMs' | 'stop'> {
  flights: number;
  perFlight: number;
  /** How long reception takes to clear one flight: its people arrive evenly over this time. */
  clearMs: number;
  /** From one flight's first arrival to the next flight's. */
  everyMs: number;
}

/**
 * A reception day: `flights` flights of `perFlight` people, each person arriving at their time
 * (open loop: a slow system does not slow the arrivals) and walked through registration, consent
 * and referral at once. Every person is through when it resolves.
 */
export async function runFlights(
  options: FlightOptions,
): Promise<{ people: LoadPerson[]; figures: LoadFigures }> {
  const people: LoadPerson[] = [];
  const figures: LoadFigures = { requests: 0, retried: 0 };
  const walk: Walk = { ...options, figures };
  const started = Date.now();
  const walks: Promise<void>[] = [];
  for (let flight = 0; flight < options.flights; flight += 1) {
    for (let i = 0; i < options.perFlight; i += 1) {
      const due = started + flight * options.everyMs + (i * options.clearMs) / options.perFlight;
      await sleep(Math.max(0, due - Date.now()));
      const person = newPerson();
      people.push(person);
      walks.push(walkOne(walk, person));
    }
  }
  await Promise.all(walks);
  return { people, figures };
}
