import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { partnerDataRedactionRequestedV1 } from '@reintegra/event-contracts';
import { currentTestStack, eventually, freePort } from '@reintegra/testing';
import { PartnerTestBed } from '../testing/partner-test-bed';

/**
 * A new agency, as it would start from the catalogue page: the administrator registers it and
 * gives it an API key; it subscribes itself by webhook and by Kafka and runs the two example
 * programs the page points to (examples/webhook-receiver.mjs, examples/kafka-consumer.mjs)
 * unchanged. They must receive, verify and keep the events of the person who consented — and
 * nothing about the one who did not — then the redaction request, and drop a replay's repeats.
 */
const bed = new PartnerTestBed();
const examples = join(__dirname, '../../examples');
const processes: ChildProcess[] = [];

interface Line {
  kept?: string;
  type?: string;
  subject?: string;
  repeat?: string;
  replay?: boolean;
  listening?: number;
  consuming?: string;
}

function runExample(file: string, env: Record<string, string>): Line[] {
  const lines: Line[] = [];
  const child = spawn(process.execPath, [join(examples, file)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const complete = buffer.split('\n');
    buffer = complete.pop() ?? '';
    for (const line of complete) if (line.trim()) lines.push(JSON.parse(line) as Line);
  });
  processes.push(child);
  return lines;
}

beforeAll(() => bed.start(), 60_000);
afterAll(async () => {
  for (const child of processes) child.kill('SIGTERM');
  await bed.stop();
});

it('subscribes from the catalogue, receives signed webhooks and its Kafka stream for consenting people only, and can replay', async () => {
  const page = await bed.call('GET', '/catalogue');
  expect(page.text).toContain('/agency/subscriptions');

  const { id, apiKey } = await bed.agency('oim-nueva', 'iom'); // the administrator's part
  const me = await bed.call('GET', '/agency', { apiKey });
  const eventTypes = me.body['allowedEventTypes'] as string[];
  const port = await freePort();
  const hook = await bed.call(
    'POST',
    '/agency/subscriptions',
    { apiKey },
    {
      eventTypes,
      channel: 'webhook',
      webhookUrl: `http://127.0.0.1:${port}/reintegra`,
    },
  );
  expect(hook.status).toBe(201);
  const stream = await bed.call(
    'POST',
    '/agency/subscriptions',
    { apiKey },
    {
      eventTypes,
      channel: 'kafka',
    },
  );
  expect(stream.status).toBe(201);

  const received = runExample('webhook-receiver.mjs', {
    WEBHOOK_SECRET: hook.body['webhookSecret'] as string,
    PORT: String(port),
  });
  const streamed = runExample('kafka-consumer.mjs', {
    AGENCY_ID: id,
    KAFKA_BROKERS: currentTestStack().kafkaBrokers.join(','),
    KAFKA_GROUP: `${id}-ejemplo`,
  });
  await eventually(() => {
    expect(received.some((line) => line.listening)).toBe(true);
    expect(streamed.some((line) => line.consuming)).toBe(true);
  });

  const from = new Date(Date.now() - 1000).toISOString();
  const consenting = randomUUID();
  const other = randomUUID();
  const consentId = await bed.consent(consenting, 'partner-sharing', 'iom');
  await bed.consent(other, 'partner-sharing', 'ngo');
  for (const caseId of [consenting, other]) {
    await bed.registered(caseId);
    await bed.score(caseId);
  }
  const subject = await bed.pseudonymOf(id, consenting);
  const otherSubject = await bed.pseudonymOf(id, other);
  const keptAbout = (lines: Line[], about: string) =>
    lines.filter((line) => line.kept && line.subject === about);
  await eventually(
    () => {
      expect(keptAbout(received, subject)).toHaveLength(2);
      expect(keptAbout(streamed, subject)).toHaveLength(2);
    },
    { timeoutMs: 60_000 },
  );
  await bed.allConsumed();
  expect(keptAbout(received, otherSubject)).toEqual([]);
  expect(keptAbout(streamed, otherSubject)).toEqual([]);

  await bed.withdraw(consenting, consentId, 'partner-sharing', 'iom');
  await eventually(() => {
    expect(keptAbout(received, subject).at(-1)?.type).toBe(partnerDataRedactionRequestedV1.type);
    expect(keptAbout(streamed, subject).at(-1)?.type).toBe(partnerDataRedactionRequestedV1.type);
  });

  // A replay resends the same ids: the example receiver recognises every one as a repeat.
  const replay = await bed.call(
    'POST',
    `/agency/subscriptions/${hook.body['id']}/replays`,
    { apiKey },
    { from },
  );
  expect(replay).toMatchObject({ status: 202, body: { events: 1 } }); // only the redaction
  await eventually(() =>
    expect(received.filter((line) => line.repeat && line.replay)).toHaveLength(1),
  );
  expect(received.filter((line) => line.kept)).toHaveLength(3);
});
