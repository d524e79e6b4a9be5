import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type CaseStatus, type EventEnvelope, parseEvent } from '@reintegra/event-contracts';
import {
  currentTestStack,
  type RecordedMessage,
  testToken,
  TopicRecorder,
} from '@reintegra/testing';
import { CaseLifecycleService } from '../core/case-lifecycle.service';
import { freshDui, type IntakeTestOptions, startIntakeForTest } from './intake-test-bed';

export const HOME = 'SV-PA-LA-PAZ-ESTE';
export const ELSEWHERE = 'SV-SS-SAN-SALVADOR-CENTRO';

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Calls intake over HTTP as a given token. */
export function httpClient(url: string) {
  return async function call(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await fetch(`${url}${path}`, {
      method,
      redirect: 'manual',
      headers: { 'content-type': 'application/json', authorization: token, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
}

/** Tokens of the people who use the case flow, in the home municipality and elsewhere. */
export async function caseFlowTokens() {
  const [officer, supervisor, national, caseworker, officerElsewhere, supervisorElsewhere] =
    await Promise.all([
      testToken({ roles: ['intake-officer'], municipalityCode: HOME }),
      testToken({ roles: ['supervisor'], municipalityCode: HOME }),
      testToken({ roles: ['national-supervisor'] }),
      testToken({ roles: ['employment-caseworker'], municipalityCode: HOME }),
      testToken({ roles: ['intake-officer'], municipalityCode: ELSEWHERE }),
      testToken({ roles: ['supervisor'], municipalityCode: ELSEWHERE }),
    ]);
  return { officer, supervisor, national, caseworker, officerElsewhere, supervisorElsewhere };
}

/** A registration body for a new person (unique name, optional DUI). */
export function newPerson(overrides: Record<string, unknown> = {}) {
  return {
    dui: freshDui(),
    firstNames: `Persona ${randomUUID().slice(0, 8)}`,
    lastNames: `Flujo ${randomUUID().slice(0, 8)}`,
    dateOfBirth: '1990-05-17',
    gender: 'male',
    returnDate: '2025-03-10',
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: HOME,
    ...overrides,
  };
}

/**
 * Moves a case through statuses the way other parts of intake would (the needs assessment makes
 * it `assessed`, the path's events `in-services`…): a fixture for flows that start later.
 */
export async function moveCase(app: INestApplication, caseId: string, ...statuses: CaseStatus[]) {
  for (const to of statuses) {
    await app.get(DataSource).transaction((manager) =>
      app.get(CaseLifecycleService).transition(manager, caseId, to, {
        actor: 'system:test',
        correlationId: randomUUID(),
        ...(to === 'closed' ? { closureReason: 'disengaged' as const } : {}),
      }),
    );
  }
}

/** Every row that the case flow writes about some people and cases, to show nothing changed. */
export async function stateOf(
  app: INestApplication,
  ids: { returneeIds?: readonly string[]; caseIds?: readonly string[] },
) {
  const db = app.get(DataSource);
  const returneeIds = ids.returneeIds ?? [];
  const caseIds = ids.caseIds ?? [];
  const rows = (sql: string, params: unknown[]) => db.query(sql, params);
  return {
    returnees: await rows('SELECT * FROM returnees WHERE id = ANY($1) ORDER BY id', [returneeIds]),
    episodes: await rows(
      'SELECT * FROM return_episodes WHERE returnee_id = ANY($1) OR id = ANY($2) ORDER BY id',
      [returneeIds, caseIds],
    ),
    plans: await rows('SELECT * FROM case_plans WHERE case_id = ANY($1) ORDER BY id', [caseIds]),
    referrals: await rows('SELECT * FROM referrals WHERE case_id = ANY($1) ORDER BY id', [caseIds]),
    proposals: await rows(
      'SELECT * FROM case_closure_proposals WHERE case_id = ANY($1) ORDER BY id',
      [caseIds],
    ),
    // Reads are audited too, but change nothing: only decisions count here.
    audit: await rows(
      `SELECT * FROM audit_log WHERE (returnee_id = ANY($1) OR case_id = ANY($2))
         AND action NOT LIKE '%.read' ORDER BY seq`,
      [returneeIds, caseIds],
    ),
    outbox: await rows(
      'SELECT event_id FROM outbox_messages WHERE message_key = ANY($1) ORDER BY position',
      [caseIds],
    ),
  };
}

/** The events recorded for a case (by key), parsed. */
export function eventsOf(messages: readonly RecordedMessage[], caseId: string): EventEnvelope[] {
  return messages
    .filter((message) => message.key === caseId)
    .map((message) => parseEvent(message.value))
    .flatMap((parsed) => (parsed.ok ? [parsed.event] : []));
}

export const typesOf = (events: readonly EventEnvelope[]) => events.map((event) => event.type);

export interface CaseFlowSuite {
  app: INestApplication;
  recorder: TopicRecorder;
  call: ReturnType<typeof httpClient>;
  tokens: Awaited<ReturnType<typeof caseFlowTokens>>;
}

/**
 * Starts intake for a suite (before all its tests) with a recorder on some topics, and stops
 * both after. The returned object is filled in by then.
 */
export function useCaseFlowSuite(
  topics: readonly string[],
  options: IntakeTestOptions = {},
): CaseFlowSuite {
  const suite = {} as CaseFlowSuite;
  beforeAll(async () => {
    suite.tokens = await caseFlowTokens();
    suite.recorder = new TopicRecorder(currentTestStack().kafkaBrokers, [...topics]);
    await suite.recorder.start();
    const { app, url } = await startIntakeForTest(options);
    suite.app = app;
    suite.call = httpClient(url);
  });
  afterAll(async () => {
    await suite.recorder?.stop();
    await suite.app?.close();
  });
  return suite;
}

/** Registers a new person (see newPerson) as the officer; their first case is open. */
export async function registerPerson(
  suite: CaseFlowSuite,
  overrides: Record<string, unknown> = {},
) {
  const person = newPerson(overrides);
  const reply = await suite.call('POST', '/returnees', suite.tokens.officer, person);
  if (reply.status !== 201) throw new Error(`registration failed: ${JSON.stringify(reply.body)}`);
  return {
    person,
    returneeId: reply.body['returneeId'] as string,
    caseId: reply.body['caseId'] as string,
  };
}

/** A new person's first case (open). */
export async function newCase(suite: CaseFlowSuite): Promise<string> {
  return (await registerPerson(suite)).caseId;
}
