import { pathPhaseChangedV1 } from '@reintegra/event-contracts';
import type { ServiceProcess, TopicRecorder } from '@reintegra/testing';
import type { LoadOptions, Result } from './harness';

/**
 * The officer journey's knobs and parts (officer-journey.bench.ts): its people, officers and
 * pace, a stage that gives up, the wait for an effect the next step needs, and the path's phases
 * as its events on Kafka tell them.
 */
export const PEOPLE = Number(process.env['JOURNEY_PEOPLE'] ?? 120);
export const OFFICERS = Number(process.env['JOURNEY_OFFICERS'] ?? 8);
export const COMPRESSION = Number(process.env['JOURNEY_COMPRESSION'] ?? 60);
/** People a second in each step: a flight's people over its 90 minutes, compressed. */
export const RATE = COMPRESSION > 0 ? PEOPLE / ((90 * 60) / COMPRESSION) : undefined;
const POLL_MS = 50;
const TIMEOUT_MS = Number(process.env['JOURNEY_TIMEOUT_MS'] ?? 60_000);
/** A stage gives up (its remaining people count as errors) after this many failures. */
const GIVE_UP_AFTER = Math.max(3, Math.ceil(PEOPLE / 10));
const SYLLABLES =
  'ba be bi bo ca ce co da de do fa fe ga go la le li lo ma me mi mo na ne no pa pe ra re ri ro sa se so ta te to va ve za zo'.split(
    ' ',
  );
export const word = () =>
  Array.from({ length: 3 }, () => SYLLABLES[Math.floor(Math.random() * SYLLABLES.length)])
    .join('')
    .replace(/^./, (c) => c.toUpperCase());

export interface Person {
  returneeId: string;
  caseId: string;
  referralId?: string;
}

export function expectStatus(
  what: string,
  response: { status: number; body: unknown },
  status: number,
) {
  if (response.status !== status)
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
}

/** A stage's operation that stops trying once the stage failed GIVE_UP_AFTER times. */
export function stage(name: string, run: (index: number) => Promise<void>) {
  let failures = 0;
  return {
    name,
    run: async (index: number) => {
      if (failures >= GIVE_UP_AFTER) throw new Error(`${name}: gave up after ${failures} failures`);
      try {
        await run(index);
      } catch (error) {
        failures += 1;
        throw error;
      }
    },
  };
}

/** Polls until `seen` returns a value (every POLL_MS, at most TIMEOUT_MS). */
export async function until<T>(what: string, seen: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await seen();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** When each case's path entered each phase (the workflow's own time of the move), from its events. */
export class PathPhases {
  private readonly at = new Map<string, number>();
  private read = 0;

  constructor(private readonly recorder: TopicRecorder) {}

  of(caseId: string, phase: string): number | undefined {
    const { messages } = this.recorder;
    for (; this.read < messages.length; this.read += 1) {
      const value = messages[this.read]?.value;
      if (!value) continue;
      const { type, data } = JSON.parse(value) as {
        type?: string;
        data?: { caseId?: string; to?: string; occurredAt?: string };
      };
      if (type === pathPhaseChangedV1.type && data?.caseId && data.to && data.occurredAt)
        this.at.set(`${data.caseId} ${data.to}`, Date.parse(data.occurredAt));
    }
    return this.at.get(`${caseId} ${phase}`);
  }

  times(phase: string, caseIds: string[]): Map<string, number> {
    const times = new Map<string, number>();
    for (const caseId of caseIds) {
      const at = this.of(caseId, phase);
      if (at !== undefined) times.set(caseId, at);
    }
    return times;
  }
}

/** A step's load: its people at the peak's pace (as fast as they can without one). */
export const paced = (operations: number): LoadOptions => ({
  operations,
  concurrency: OFFICERS,
  ...(RATE ? { ratePerSecond: RATE } : {}),
});

/** A measured step and how long it took, for the effects timed within it. */
export async function timed(operation: () => Promise<Result>) {
  const started = Date.now();
  const result = await operation();
  return { result, seconds: (Date.now() - started) / 1000 };
}

/** On a busy machine a service can miss the 60 s health deadline: one more try, after a stop. */
export async function startPatiently(service: ServiceProcess): Promise<void> {
  try {
    await service.start();
  } catch (error) {
    console.error(
      `[bench] ${service.app} slow to start, once more: ${(error as Error).message.split('\n')[0]}`,
    );
    await service.stop();
    await service.start();
  }
}
