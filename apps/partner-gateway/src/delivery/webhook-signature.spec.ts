import { newWebhookSecret, sign, verify, webhookHeaders } from './webhook-signature';

describe('Standard Webhooks signatures', () => {
  // The test vector published with the Standard Webhooks specification's reference libraries.
  it('matches the reference test vector', () => {
    expect(
      sign(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies its own headers and refuses a changed body, another secret or a stale timestamp', () => {
    const secret = newWebhookSecret();
    const body = '{"type":"sv.reintegra.partner.case-opened.v1"}';
    const now = new Date('2026-11-20T10:00:00Z');
    const headers = webhookHeaders(secret, 'evt-1', body, now);
    const given = {
      id: headers['webhook-id'] ?? '',
      timestamp: headers['webhook-timestamp'] ?? '',
      signature: headers['webhook-signature'] ?? '',
    };
    expect(verify(secret, given, body, { now })).toBe(true);
    expect(
      verify(secret, { ...given, signature: `v1,bad ${given.signature}` }, body, { now }),
    ).toBe(true);
    expect(verify(secret, given, `${body} `, { now })).toBe(false);
    expect(verify(newWebhookSecret(), given, body, { now })).toBe(false);
    expect(verify(secret, given, body, { now: new Date('2026-11-20T10:06:00Z') })).toBe(false);
  });
});
