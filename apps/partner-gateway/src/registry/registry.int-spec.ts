import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testToken } from '@reintegra/testing';
import {
  partnerCaseOpenedV1,
  partnerReferralStatusChangedV1,
  partnerSustainabilityScoreV1,
  partnerTopicOf,
} from '@reintegra/event-contracts';
import { Kafka } from 'kafkajs';
import { anonymousRefusalTotal } from '../testing/anonymous-refusal-counts';
import { type Json, PartnerTestBed } from '../testing/partner-test-bed';

/** Agency registry, credentials and subscriptions through the admin and agency APIs. */
const bed = new PartnerTestBed();

beforeAll(() => bed.start());
afterAll(() => bed.stop());

describe('catalogue', () => {
  it('serves a Spanish-first page a new agency can start from, and the committed AsyncAPI document', async () => {
    const page = await bed.call('GET', '/catalogue');
    expect(page.status).toBe(200);
    expect(page.contentType).toContain('text/html');
    expect(page.language).toBe('es');
    expect(page.text).toContain('Catálogo de eventos para agencias socias');
    expect(page.text).toContain(`${bed.url}/agency/subscriptions`);
    expect(page.text).toContain(partnerSustainabilityScoreV1.type);
    const document = await bed.call('GET', '/catalogue/asyncapi.json');
    expect(document.status).toBe(200);
    expect(document.body).toEqual(
      JSON.parse(readFileSync(join(__dirname, '../../catalogue/asyncapi.json'), 'utf8')),
    );
  });
});

describe('registry', () => {
  it('registers an agency, issues a key shown once and stored only as a hash', async () => {
    const { id, apiKey } = await bed.agency('oim', 'iom');
    expect(apiKey).toMatch(/^rgw_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const stored = JSON.stringify(
      await bed.db.query(`SELECT * FROM agency_credentials WHERE agency_id = $1`, [id]),
    );
    expect(stored).not.toContain(apiKey.slice(-43));

    const me = await bed.call('GET', '/agency', { apiKey });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id,
      category: 'iom',
      kafkaTopic: partnerTopicOf(id),
      allowedEventTypes: expect.arrayContaining([partnerSustainabilityScoreV1.type]),
    });
  });

  it('lets an agency subscribe by webhook (secret shown once, sealed at rest) and by Kafka (topic created)', async () => {
    const { id, apiKey } = await bed.agency('ong-esperanza', 'ngo');
    const hook = await bed.call(
      'POST',
      '/agency/subscriptions',
      { apiKey },
      {
        eventTypes: [partnerCaseOpenedV1.type],
        channel: 'webhook',
        webhookUrl: 'http://127.0.0.1:9/hook',
      },
    );
    expect(hook.status).toBe(201);
    expect(hook.body['webhookSecret']).toMatch(/^whsec_/);
    const [row] = (await bed.db.query(`SELECT webhook_secret FROM subscriptions WHERE id = $1`, [
      hook.body['id'],
    ])) as Array<{ webhook_secret: Buffer }>;
    expect(row?.webhook_secret.toString('latin1')).not.toContain(
      String(hook.body['webhookSecret']).slice(6),
    );
    const listed = await bed.call('GET', '/agency/subscriptions', { apiKey });
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');

    const stream = await bed.admin('POST', `/admin/agencies/${id}/subscriptions`, {
      eventTypes: [partnerCaseOpenedV1.type, partnerReferralStatusChangedV1.type],
      municipalityCodes: ['SV-PA-LA-PAZ-ESTE'],
      channel: 'kafka',
    });
    expect(stream.status).toBe(201);
    expect(stream.body).toMatchObject({ channel: 'kafka', kafkaTopic: partnerTopicOf(id) });
    const admin = new Kafka({
      brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
      logLevel: 1,
    }).admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toContain(partnerTopicOf(id));
    } finally {
      await admin.disconnect();
    }
    // One Kafka stream per agency (its topic is the agency's).
    const again = await bed.admin('POST', `/admin/agencies/${id}/subscriptions`, {
      eventTypes: [partnerCaseOpenedV1.type],
      channel: 'kafka',
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'subscription.kafka-exists' } });

    const audit = await bed.db.query(
      `SELECT action, actor FROM audit_log WHERE agency_id = $1 AND outcome = 'allowed' ORDER BY id`,
      [id],
    );
    expect(audit).toEqual([
      { action: 'agency.create', actor: 'user:test-admin' },
      { action: 'api-key.issue', actor: 'user:test-admin' },
      { action: 'subscription.create', actor: `agency:${id}` },
      { action: 'subscription.create', actor: 'user:test-admin' },
    ]);
  });

  it('accepts a partner token whose organisation is the agency (client credentials)', async () => {
    const { id } = await bed.agency('conmigrantes', 'government');
    const token = await testToken({ roles: ['partner'], organisationId: id });
    expect((await bed.call('GET', '/agency', token)).body).toMatchObject({ id });
  });
});

describe('bad input is refused clearly, audited (or counted), and writes nothing else', () => {
  let ngo: { id: string; apiKey: string };

  beforeAll(async () => {
    ngo = await bed.agency('ong-refugio', 'ngo');
  });

  /** The NGO subscribes itself (by default a webhook for case openings). */
  const subscribe = (body: Json) =>
    bed.call(
      'POST',
      '/agency/subscriptions',
      { apiKey: ngo.apiKey },
      { eventTypes: [partnerCaseOpenedV1.type], channel: 'webhook', ...body },
    );

  const cases: Array<
    [
      string,
      () => Promise<{ status: number; body: Json; contentType: string; language: string }>,
      number,
      string,
    ]
  > = [
    [
      'an unknown agency',
      () =>
        bed.admin('POST', '/admin/agencies/no-existe/subscriptions', {
          eventTypes: [partnerCaseOpenedV1.type],
          channel: 'kafka',
        }),
      404,
      'agency.not-found',
    ],
    [
      'no credentials',
      () => bed.call('GET', '/agency/subscriptions'),
      401,
      'agency.credentials-missing',
    ],
    [
      'a wrong API key',
      () =>
        bed.call('GET', '/agency/subscriptions', {
          apiKey: `rgw_${'0'.repeat(32)}_${'A'.repeat(43)}`,
        }),
      401,
      'agency.credentials-invalid',
    ],
    [
      'an expired API key',
      async () => {
        const issued = await bed.admin('POST', `/admin/agencies/${ngo.id}/api-keys`, {
          expiresAt: new Date(Date.now() + 1500).toISOString(),
        });
        await new Promise((resolve) => setTimeout(resolve, 2000));
        return bed.call('GET', '/agency', { apiKey: issued.body['apiKey'] as string });
      },
      401,
      'agency.credentials-expired',
    ],
    [
      'a revoked API key',
      async () => {
        const issued = await bed.admin('POST', `/admin/agencies/${ngo.id}/api-keys`, {});
        await bed.admin(
          'POST',
          `/admin/agencies/${ngo.id}/api-keys/${issued.body['keyId']}/revocation`,
        );
        return bed.call('GET', '/agency', { apiKey: issued.body['apiKey'] as string });
      },
      401,
      'agency.credentials-invalid',
    ],
    [
      'a staff token on the agency routes',
      async () =>
        bed.call(
          'GET',
          '/agency',
          await testToken({ roles: ['intake-officer'], municipalityCode: 'SV-PA-LA-PAZ-ESTE' }),
        ),
      403,
      'auth.role-not-allowed',
    ],
    [
      'a partner token of an unregistered organisation',
      async () =>
        bed.call(
          'GET',
          '/agency',
          await testToken({ roles: ['partner'], organisationId: 'desconocida' }),
        ),
      403,
      'agency.unknown',
    ],
    [
      'a partner token on the admin API',
      async () =>
        bed.call(
          'GET',
          '/admin/agencies',
          await testToken({ roles: ['partner'], organisationId: ngo.id }),
        ),
      403,
      'auth.role-not-allowed',
    ],
    [
      'an event type the category may not receive',
      () =>
        subscribe({
          eventTypes: [partnerSustainabilityScoreV1.type],
          webhookUrl: 'http://127.0.0.1:9/hook',
        }),
      403,
      'subscription.event-type-not-allowed',
    ],
    [
      'an unknown event type',
      () => subscribe({ eventTypes: ['sv.reintegra.partner.everything.v1'], channel: 'kafka' }),
      400,
      'request.invalid',
    ],
    [
      'a plain-http webhook to a remote host',
      () => subscribe({ webhookUrl: 'http://hooks.example.org/reintegra' }),
      422,
      'webhook-url.https-required',
    ],
    [
      'a webhook to a private address',
      () => subscribe({ webhookUrl: 'https://10.20.30.40/reintegra' }),
      422,
      'webhook-url.private-address',
    ],
    [
      'a webhook to the cloud metadata address',
      () => subscribe({ webhookUrl: 'https://169.254.169.254/latest/meta-data/' }),
      422,
      'webhook-url.private-address',
    ],
    [
      'a duplicate agency id',
      () => bed.admin('POST', '/admin/agencies', { id: ngo.id, name: 'Otra', category: 'ngo' }),
      409,
      'agency.exists',
    ],
  ];

  it.each(cases)('refuses %s', async (_name, request, status, code) => {
    const since = await bed.lastAuditId();
    const countingFrom = new Date();
    const counted = await anonymousRefusalTotal(bed.db, countingFrom);
    const before = await bed.footprint();
    const response = await request();
    expect(response.status).toBe(status);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code });
    expect(response.language).toBe('es');
    expect(String(response.body['title']).length).toBeGreaterThan(10);
    const after = await bed.footprint();
    // Only what the test itself set up (keys for the expiry/revocation cases) may have changed.
    expect({ ...after, credentials: 0 }).toEqual({ ...before, credentials: 0 });
    const refused = (await bed.auditSince(since)).filter((entry) => entry['outcome'] === 'refused');
    // A caller who never authenticated is counted, not audited row by row (issue 20, 10).
    const anonymous = status === 401;
    expect(refused).toEqual(anonymous ? [] : [expect.objectContaining({ code })]);
    expect((await anonymousRefusalTotal(bed.db, countingFrom)) - counted).toBe(anonymous ? 1 : 0);
  });

  it('answers in English when asked', async () => {
    const response = await bed.call('GET', '/agency', undefined, undefined, {
      'accept-language': 'en',
    });
    expect(response.body['title']).toBe(
      'Identify with the x-api-key header or with a token of your agency.',
    );
  });

  it('keeps one agency away from another agency’s subscriptions', async () => {
    const other = await bed.agency('ong-otra', 'ngo');
    const created = await bed.call(
      'POST',
      '/agency/subscriptions',
      { apiKey: other.apiKey },
      {
        eventTypes: [partnerCaseOpenedV1.type],
        channel: 'webhook',
        webhookUrl: 'http://127.0.0.1:9/other',
      },
    );
    const response = await bed.call(
      'GET',
      `/agency/subscriptions/${created.body['id']}/deliveries`,
      { apiKey: ngo.apiKey },
    );
    expect(response).toMatchObject({ status: 404, body: { code: 'subscription.not-found' } });
  });
});
