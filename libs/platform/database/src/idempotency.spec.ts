import { RequestValidationError } from '@reintegra/platform-http';
import { idempotencyKeyOf, requestFingerprint } from './idempotency';

describe('idempotency keys', () => {
  it('accepts 1–200 visible characters and refuses anything else with a field error', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
    expect(idempotencyKeyOf('3f0c6d3e-8a4b-4f7e-9d2a-1b2c3d4e5f60')).toBe(
      '3f0c6d3e-8a4b-4f7e-9d2a-1b2c3d4e5f60',
    );
    for (const bad of ['', ' ', 'a b', 'x'.repeat(201), 'clave\u00f1', 'a\tb']) {
      expect(() => idempotencyKeyOf(bad)).toThrow(RequestValidationError);
    }
  });

  it('fingerprints the same request the same way whatever the order of its fields', () => {
    const a = requestFingerprint('POST /returnees', {}, { b: 1, a: { y: [1, 2], x: null } });
    const b = requestFingerprint('POST /returnees', {}, { a: { x: null, y: [1, 2] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells apart another body, another path parameter and another route', () => {
    const base = requestFingerprint('POST /returnees/:id/episodes', { id: '1' }, { n: 1 });
    expect(requestFingerprint('POST /returnees/:id/episodes', { id: '1' }, { n: 2 })).not.toBe(
      base,
    );
    expect(requestFingerprint('POST /returnees/:id/episodes', { id: '2' }, { n: 1 })).not.toBe(
      base,
    );
    expect(requestFingerprint('POST /returnees', { id: '1' }, { n: 1 })).not.toBe(base);
  });
});
