import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import {
  consentGrantedV1,
  createEvent,
  type EventDefinition,
  partnerCaseOpenedV1,
  partnerReferralRequestedV1,
  partnerReferralStatusChangedV1,
  referralRequestedV1,
  referralStatusChangedV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import {
  eventually,
  runToCompletion,
  ServiceProcess,
  stackEnvironment,
  startGroupAtEnd,
  testDatabaseUrl,
  testIdentityEnvironment,
  testToken,
  useLocalStack,
} from '@reintegra/testing';
import { type Benchmark, measure, report } from './harness';

/**
 * Issue 8's measure: internal events on Kafka → partner gateway (consent check, pseudonyms,
 * public log, delivery queue) → signed webhook accepted by a receiver's application. The
 * candidate receiver fails 30 % of requests at random (half before processing, half after, so
 * that the gateway's retries also reach the application twice and the idempotency key must drop
 * the repeat); the baseline receiver never fails. Both at the same fixed input rate, in the same
 * run. Printed beside the latencies: delivered exactly once, none lost, per-case order kept.
 *
 * Needs the local stack and the gateway's build (`npx nx run partner-gateway:build`). Uses the
 * partner_gateway_test database and a consumer group of its own that starts at the end of the
 * internal topics. Knobs: BENCH_EVENTS (per receiver, default 1000), BENCH_RATE (events/s,
 * default 20), BENCH_FAILURE_RATE (default 0.3).
 */
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1000);
const RATE = Number(process.env['BENCH_RATE'] ?? 20);
const FAILURE_RATE = Number(process.env['BENCH_FAILURE_RATE'] ?? 0.3);
const STEPS_PER_CASE = 5;
/** Unmeasured first events per receiver (connections, JIT, the consumer's first fetches). */
const WARMUP = 25;
const PORT = 3307;
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
const run = randomUUID().slice(0, 8);
const SUBSCRIBED = [
  partnerCaseOpenedV1.type,
  partnerReferralRequestedV1.type,
  partnerReferralStatusChangedV1.type,
];
const CONSUMED_TOPICS = [
  TOPICS.intakeReturnees,
  TOPICS.intakeConsents,
  TOPICS.intakeReferrals,
  TOPICS.referralStatus,
  TOPICS.pathEvents,
];

interface Accepted {
  subject: string;
  position: number;
}

/**
 * A webhook receiver and its application: the application keeps each webhook-id once (repeats
 * answered 2xx and dropped), and tells the benchmark when a public event was first kept.
 */
class Receiver {
  readonly kept = new Map<string, Accepted>();
  repeatsDropped = 0;
  requests = 0;
  failures = 0;
  onKept: (eventId: string) => void = () => undefined;
  private server: Server | undefined;

  constructor(private readonly failureRate: number) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.requests += 1;
        const roll = Math.random();
        if (roll < this.failureRate / 2) {
          this.failures += 1;
          res.writeHead(503).end(); // fails before the application sees it
          return;
        }
        const id = String(req.headers['webhook-id']);
        if (this.kept.has(id)) {
          this.repeatsDropped += 1;
        } else {
          const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Accepted;
          this.kept.set(id, { subject: event.subject, position: event.position });
          this.onKept(id);
        }
        if (roll < this.failureRate) {
          this.failures += 1;
          res.writeHead(500).end(); // processed, but the answer says otherwise: a retry follows
          return;
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/reintegra`;
  }

  /** Cases whose events were kept out of their position order. */
  orderViolations(): number {
    const last = new Map<string, number>();
    let violations = 0;
    for (const { subject, position } of this.kept.values()) {
      if ((last.get(subject) ?? 0) > position) violations += 1;
      last.set(subject, position);
    }
    return violations;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function internalEvent(definition: EventDefinition, caseId: string, data: unknown) {
  return createEvent(definition, {
    subject: caseId,
    source: '/reintegra/intake',
    actor: 'system:bench',
    correlationId: randomUUID(),
    data,
  });
}

/** Step `step` of a case's path: registered, referral requested, accepted, in progress, completed. */
function stepEvent(caseId: string, referralId: string, step: number) {
  const now = new Date().toISOString();
  if (step === 0) {
    return internalEvent(returneeRegisteredV1, caseId, {
      caseId,
      returneeId: randomUUID(),
      episodeNumber: 1,
      municipalityCode: MUNICIPALITY,
      returnDate: now.slice(0, 10),
      countryReturnedFrom: 'US',
      minor: false,
      registeredAt: now,
    });
  }
  if (step === 1) {
    return internalEvent(referralRequestedV1, caseId, {
      referralId,
      caseId,
      service: 'employment',
      priority: 'normal',
      providerIds: ['oficina-empleo-la-paz-este'],
      acknowledgeBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      requestedAt: now,
      consentId: randomUUID(),
    });
  }
  return internalEvent(referralStatusChangedV1, caseId, {
    referralId,
    caseId,
    service: 'employment',
    providerId: 'oficina-empleo-la-paz-este',
    status: ['accepted', 'in-progress', 'completed'][step - 2],
    occurredAt: now,
  });
}

async function send(producer: Producer, topic: string, event: { id: string; subject: string }) {
  await producer.send({
    topic,
    acks: -1,
    messages: [{ key: event.subject, value: JSON.stringify(event) }],
  });
}

export const partnerWebhooksBenchmark: Benchmark = {
  name: 'partner-webhooks',
  description: `internal event → partner gateway → signed webhook at ${RATE}/s; receiver failing ${FAILURE_RATE * 100} % vs never failing`,
  async main() {
    const stack = await useLocalStack();
    Object.assign(process.env, stackEnvironment(stack), await testIdentityEnvironment());
    const group = `partner-gateway-bench-${run}`;
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: testDatabaseUrl('partner_gateway', 'app'),
      DATABASE_MIGRATION_URL: testDatabaseUrl('partner_gateway', 'migrator'),
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      KAFKA_CONSUMER_GROUP: group,
      PARTNER_GATEWAY_KEY: randomBytes(32).toString('base64'),
      WEBHOOK_MAX_ATTEMPTS: '20',
      WEBHOOK_RETRY_BASE_MS: '25',
      WEBHOOK_RETRY_MAX_MS: '1000',
      DELIVERY_POLL_INTERVAL_MS: '20',
      DELIVERY_CONCURRENCY: '32',
      DATABASE_POOL_SIZE: '20',
    };
    await runToCompletion('partner-gateway', 'migrate', env);
    const kafka = new Kafka({
      brokers: stack.kafkaBrokers,
      clientId: group,
      logLevel: logLevel.NOTHING,
    });
    await startGroupAtEnd(stack.kafkaBrokers, group, CONSUMED_TOPICS);
    const pool = new Pool({ connectionString: env.DATABASE_URL, max: 4 });
    // Agencies of earlier test runs share this database: retire them for the measurement.
    await pool.query(`UPDATE agencies SET active = false WHERE active`);
    await pool.query(`UPDATE deliveries SET status = 'cancelled' WHERE status = 'pending'`);
    const gateway = new ServiceProcess('partner-gateway', PORT, env);
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    const receivers = { baseline: new Receiver(0), candidate: new Receiver(FAILURE_RATE) };
    await Promise.all([gateway.start(), producer.connect()]);
    try {
      const admin = await testToken({ roles: ['admin'], subject: 'bench-admin' });
      const call = async (path: string, body: unknown) => {
        const response = await fetch(`${gateway.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: admin },
          body: JSON.stringify(body),
        });
        if (response.status !== 201)
          throw new Error(`${path}: ${response.status} ${await response.text()}`);
        return (await response.json()) as Record<string, unknown>;
      };
      // One agency per receiver, of different categories, so each run's cases reach one only.
      const runs = [
        {
          receiver: receivers.baseline,
          category: 'iom',
          name: 'never-failing receiver (baseline)',
        },
        {
          receiver: receivers.candidate,
          category: 'government',
          name: `receiver failing ${FAILURE_RATE * 100} %`,
        },
      ];
      const cases = Math.ceil((EVENTS + WARMUP) / STEPS_PER_CASE);
      const plans: Array<
        (typeof runs)[number] & { agencyId: string; caseIds: string[]; referralIds: string[] }
      > = [];
      for (const [index, plan] of runs.entries()) {
        const agencyId = `bench-${index}-${run}`;
        await call('/admin/agencies', { id: agencyId, name: plan.name, category: plan.category });
        await call(`/admin/agencies/${agencyId}/subscriptions`, {
          eventTypes: SUBSCRIBED,
          channel: 'webhook',
          webhookUrl: await plan.receiver.start(),
        });
        const caseIds = Array.from({ length: cases }, () => randomUUID());
        // Consents first (as at intake): the measurement is of delivery, not of the hold.
        for (const caseId of caseIds) {
          await send(
            producer,
            TOPICS.intakeConsents,
            internalEvent(consentGrantedV1, caseId, {
              consentId: randomUUID(),
              caseId,
              purpose: 'partner-sharing',
              scope: plan.category,
              formVersion: '2026-01',
              grantedAt: new Date().toISOString(),
            }),
          );
        }
        plans.push({ ...plan, agencyId, caseIds, referralIds: caseIds.map(() => randomUUID()) });
      }
      await eventually(
        async () => {
          const { rows } = await pool.query(
            `SELECT count(*)::int AS n FROM consents WHERE case_id = ANY ($1::uuid[])`,
            [plans.flatMap((plan) => plan.caseIds)],
          );
          if (rows[0].n !== cases * plans.length) throw new Error(`${rows[0].n} consents applied`);
        },
        { timeoutMs: 120_000, intervalMs: 250 },
      );

      const results = [];
      for (const plan of plans) {
        const waiting = new Map<string, () => void>(); // internal event id → resolve
        plan.receiver.onKept = (publicId) => {
          void pool
            .query(`SELECT source_event_id FROM public_events WHERE id = $1`, [publicId])
            .then(({ rows }) => {
              waiting.get(String(rows[0]?.source_event_id))?.();
            });
        };
        results.push(
          await measure(
            {
              name: plan.name,
              run: async (index) => {
                const caseIndex = index % plan.caseIds.length;
                const step = Math.floor(index / plan.caseIds.length);
                const caseId = plan.caseIds[caseIndex] ?? '';
                const event = stepEvent(caseId, plan.referralIds[caseIndex] ?? '', step);
                const topic =
                  step === 0
                    ? TOPICS.intakeReturnees
                    : step === 1
                      ? TOPICS.intakeReferrals
                      : TOPICS.referralStatus;
                const kept = new Promise<void>((resolve, reject) => {
                  waiting.set(event.id, resolve);
                  setTimeout(
                    () => reject(new Error(`event ${index} not delivered in 120 s`)),
                    120_000,
                  ).unref();
                });
                await send(producer, topic, event);
                await kept;
              },
            },
            {
              operations: cases * STEPS_PER_CASE - WARMUP,
              warmup: WARMUP,
              concurrency: 1024,
              ratePerSecond: RATE,
            },
          ),
        );
      }
      const [baseline, ...candidates] = results;
      if (!baseline) throw new Error('no baseline measured');
      report(
        `partner webhooks: ${cases * STEPS_PER_CASE - WARMUP} events per receiver at ${RATE}/s (send → first kept by the receiver's application)`,
        baseline,
        candidates,
      );
      for (const plan of plans) {
        const { rows } = await pool.query(
          `SELECT count(*)::int AS logged,
                  count(*) FILTER (WHERE d.status = 'delivered')::int AS delivered,
                  coalesce(sum(d.attempts), 0)::int AS attempts,
                  count(*) FILTER (WHERE d.status = 'dead')::int AS dead
             FROM public_events p JOIN deliveries d ON d.public_event_id = p.id
            WHERE p.agency_id = $1`,
          [plan.agencyId],
        );
        const counts = rows[0] as {
          logged: number;
          delivered: number;
          attempts: number;
          dead: number;
        };
        const expected = cases * STEPS_PER_CASE;
        console.log(
          `${plan.name.padEnd(34)} expected ${expected}, kept once ${plan.receiver.kept.size}, lost ${expected - plan.receiver.kept.size}, ` +
            `repeats dropped ${plan.receiver.repeatsDropped}, requests ${plan.receiver.requests} (${plan.receiver.failures} failed), ` +
            `gateway attempts ${counts.attempts}, dead ${counts.dead}, order violations ${plan.receiver.orderViolations()}`,
        );
      }
    } finally {
      await Promise.allSettled([
        gateway.stop(),
        producer.disconnect(),
        receivers.baseline.stop(),
        receivers.candidate.stop(),
        pool.end(),
      ]);
    }
  },
};
