import { kafkaConfigSpec, temporalConfigSpec } from './config-schema';
import { kafkaSecurityOptions, temporalTlsOptions } from './connection-security';
import { ConfigValidationError, loadConfig } from './load-config';

const files: Record<string, string> = {
  '/pki/ca.pem': 'CA',
  '/pki/intake.pem': 'CERT',
  '/pki/intake.key': 'KEY',
};
const read = (path: string): Buffer => {
  if (!(path in files)) throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
  return Buffer.from(files[path] ?? '');
};

const kafka = (env: NodeJS.ProcessEnv) =>
  kafkaSecurityOptions(loadConfig(kafkaConfigSpec('intake'), { NODE_ENV: 'test', ...env }), read);
const temporal = (env: NodeJS.ProcessEnv) =>
  temporalTlsOptions(loadConfig(temporalConfigSpec(), { NODE_ENV: 'test', ...env }), read);

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigValidationError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('Kafka TLS and SASL settings', () => {
  it('are off by default: plaintext, no SASL', () => {
    expect(kafka({})).toEqual({});
  });

  it('read the CA and the client pair for mutual TLS, verifying the brokers', () => {
    const options = kafka({
      KAFKA_SSL_CA_FILE: '/pki/ca.pem',
      KAFKA_SSL_CERT_FILE: '/pki/intake.pem',
      KAFKA_SSL_KEY_FILE: '/pki/intake.key',
    });
    expect(options.ssl).toEqual({
      rejectUnauthorized: true,
      ca: [Buffer.from('CA')],
      cert: Buffer.from('CERT'),
      key: Buffer.from('KEY'),
    });
    expect(options.sasl).toBeUndefined();
  });

  it('KAFKA_SSL=true alone uses the system CAs', () => {
    expect(kafka({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
  });

  it('pass SCRAM credentials over TLS', () => {
    const options = kafka({
      KAFKA_SSL_CA_FILE: '/pki/ca.pem',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'intake',
      KAFKA_SASL_PASSWORD: 's3cret-pw',
    });
    expect(options.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'intake',
      password: 's3cret-pw',
    });
  });

  it('refuse SASL without TLS, and a mechanism without credentials, listing both', () => {
    const problems = problemsOf(() => kafka({ KAFKA_SASL_MECHANISM: 'scram-sha-512' }));
    expect(problems).toEqual([
      'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
      expect.stringContaining('KAFKA_SASL_MECHANISM needs TLS'),
    ]);
  });

  it('refuse credentials without a mechanism, never echoing the password', () => {
    const problems = problemsOf(() =>
      kafka({ KAFKA_SSL: 'true', KAFKA_SASL_USERNAME: 'intake', KAFKA_SASL_PASSWORD: 'hunter2' }),
    );
    expect(problems).toEqual([expect.stringContaining('KAFKA_SASL_MECHANISM is not')]);
    expect(problems.join()).not.toContain('hunter2');
  });

  it('refuse an unknown mechanism at load', () => {
    expect(() => loadConfig(kafkaConfigSpec('intake'), { KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      /KAFKA_SASL_MECHANISM .*"plain"/,
    );
  });

  it('refuse half a client pair and an unreadable file, naming the variables', () => {
    const problems = problemsOf(() =>
      kafka({ KAFKA_SSL_CA_FILE: '/pki/missing.pem', KAFKA_SSL_CERT_FILE: '/pki/intake.pem' }),
    );
    expect(problems).toEqual([
      'KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together: set both or neither',
      'KAFKA_SSL_CA_FILE cannot be read (ENOENT) (got "/pki/missing.pem")',
    ]);
  });
});

describe('Temporal TLS settings', () => {
  it('are off by default: plaintext', () => {
    expect(temporal({})).toBeUndefined();
  });

  it('give mutual TLS with the CA, the client pair and the server name', () => {
    expect(
      temporal({
        TEMPORAL_TLS_CA_FILE: '/pki/ca.pem',
        TEMPORAL_TLS_CERT_FILE: '/pki/intake.pem',
        TEMPORAL_TLS_KEY_FILE: '/pki/intake.key',
        TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend',
      }),
    ).toEqual({
      serverRootCACertificate: Buffer.from('CA'),
      clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') },
      serverNameOverride: 'temporal-frontend',
    });
  });

  it('TEMPORAL_TLS=true alone is TLS with the system CAs', () => {
    expect(temporal({ TEMPORAL_TLS: 'true' })).toEqual({});
  });

  it('refuse a key without its certificate and an unreadable CA', () => {
    expect(
      problemsOf(() =>
        temporal({ TEMPORAL_TLS_CA_FILE: '/nope.pem', TEMPORAL_TLS_KEY_FILE: '/pki/intake.key' }),
      ),
    ).toEqual([
      'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together: set both or neither',
      'TEMPORAL_TLS_CA_FILE cannot be read (ENOENT) (got "/nope.pem")',
    ]);
  });

  it('refuse a TEMPORAL_TLS that is not a boolean', () => {
    expect(() => loadConfig(temporalConfigSpec(), { TEMPORAL_TLS: 'maybe' })).toThrow(
      /TEMPORAL_TLS /,
    );
  });
});
