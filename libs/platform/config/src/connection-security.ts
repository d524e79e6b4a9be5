import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigValidationError } from './load-config';
import { type ConfigOf, variable } from './variable';

/**
 * TLS and SASL settings of the Kafka client and TLS of the Temporal connection. All off by
 * default (the development stack is plaintext on loopback); the `cluster` profile of the stack
 * turns them on (`bash infra/stack.sh env --profile cluster`). Certificate files are read once at
 * boot, so a wrong path stops the service with the variable's name instead of a TLS error later.
 */
export function kafkaSecurityConfigSpec() {
  return {
    KAFKA_SSL: variable(
      z.stringbool().default(false),
      'Connect to Kafka over TLS. Implied when any KAFKA_SSL_*_FILE is set; alone, the system CAs verify the brokers.',
    ),
    KAFKA_SSL_CA_FILE: variable(
      z.string().min(1).optional(),
      'PEM file of the CA that signed the Kafka brokers’ certificates.',
    ),
    KAFKA_SSL_CERT_FILE: variable(
      z.string().min(1).optional(),
      'PEM client certificate for mutual TLS with Kafka (with KAFKA_SSL_KEY_FILE).',
    ),
    KAFKA_SSL_KEY_FILE: variable(
      z.string().min(1).optional(),
      'PEM private key of KAFKA_SSL_CERT_FILE.',
    ),
    KAFKA_SASL_MECHANISM: variable(
      z.enum(['scram-sha-256', 'scram-sha-512']).optional(),
      'SASL mechanism for Kafka (needs TLS, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD); unset: no SASL.',
    ),
    KAFKA_SASL_USERNAME: variable(
      z.string().min(1).optional(),
      'SASL/SCRAM user of this service (one per service; ACLs limit its topics and group).',
    ),
    KAFKA_SASL_PASSWORD: variable(
      z.string().min(1).optional(),
      'SASL/SCRAM password of KAFKA_SASL_USERNAME.',
      { secret: true },
    ),
  };
}

export function temporalTlsConfigSpec() {
  return {
    TEMPORAL_TLS: variable(
      z.stringbool().default(false),
      'Connect to the Temporal frontend over TLS. Implied when any TEMPORAL_TLS_* is set; alone, the system CAs verify the server.',
    ),
    TEMPORAL_TLS_CA_FILE: variable(
      z.string().min(1).optional(),
      'PEM file of the CA that signed the Temporal frontend’s certificate.',
    ),
    TEMPORAL_TLS_CERT_FILE: variable(
      z.string().min(1).optional(),
      'PEM client certificate for mutual TLS with Temporal (with TEMPORAL_TLS_KEY_FILE).',
    ),
    TEMPORAL_TLS_KEY_FILE: variable(
      z.string().min(1).optional(),
      'PEM private key of TEMPORAL_TLS_CERT_FILE.',
    ),
    TEMPORAL_TLS_SERVER_NAME: variable(
      z.string().min(1).optional(),
      'Name the Temporal frontend’s certificate is checked against, when it differs from the host of TEMPORAL_ADDRESS.',
    ),
  };
}

export type KafkaSecurityConfig = Partial<ConfigOf<ReturnType<typeof kafkaSecurityConfigSpec>>>;
export type TemporalTlsConfig = Partial<ConfigOf<ReturnType<typeof temporalTlsConfigSpec>>>;

/** Shape of kafkajs' `ssl` and `sasl` options (kept free of the kafkajs types). */
export interface KafkaSecurityOptions {
  ssl?: true | { ca?: Buffer[]; cert?: Buffer; key?: Buffer; rejectUnauthorized: true };
  sasl?:
    | { mechanism: 'scram-sha-256'; username: string; password: string }
    | { mechanism: 'scram-sha-512'; username: string; password: string };
}

/** Shape of the Temporal SDK's `tls` connection option (client and worker). */
export interface TemporalTlsOptions {
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
  serverNameOverride?: string;
}

type ReadFile = (path: string) => Buffer;

class Problems {
  readonly list: string[] = [];
  constructor(private readonly read: ReadFile) {}

  file(name: string, path: string | undefined): Buffer | undefined {
    if (path === undefined) return undefined;
    try {
      return this.read(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      this.list.push(`${name} cannot be read (${code}) (got "${path}")`);
      return undefined;
    }
  }

  pair(cert: string, key: string, values: Record<string, unknown>): void {
    if ((values[cert] === undefined) !== (values[key] === undefined))
      this.list.push(`${cert} and ${key} go together: set both or neither`);
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new ConfigValidationError(this.list);
  }
}

/**
 * The kafkajs `ssl`/`sasl` options of the validated settings, certificate files read. Refuses
 * half a client pair, SASL without a mechanism or credentials, and SASL without TLS.
 */
export function kafkaSecurityOptions(
  config: KafkaSecurityConfig,
  read: ReadFile = readFileSync,
): KafkaSecurityOptions {
  const problems = new Problems(read);
  problems.pair('KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE', config);
  const ca = problems.file('KAFKA_SSL_CA_FILE', config.KAFKA_SSL_CA_FILE);
  const cert = problems.file('KAFKA_SSL_CERT_FILE', config.KAFKA_SSL_CERT_FILE);
  const key = problems.file('KAFKA_SSL_KEY_FILE', config.KAFKA_SSL_KEY_FILE);
  const files = Boolean(
    config.KAFKA_SSL_CA_FILE || config.KAFKA_SSL_CERT_FILE || config.KAFKA_SSL_KEY_FILE,
  );
  const tls = config.KAFKA_SSL === true || files;
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username } = config;
  const password = config.KAFKA_SASL_PASSWORD;
  if (mechanism !== undefined) {
    if (username === undefined || password === undefined)
      problems.list.push('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD');
    if (!tls)
      problems.list.push(
        'KAFKA_SASL_MECHANISM needs TLS (KAFKA_SSL=true or KAFKA_SSL_CA_FILE): credentials never travel in plaintext',
      );
  } else if (username !== undefined || password !== undefined) {
    problems.list.push('KAFKA_SASL_USERNAME/PASSWORD are set but KAFKA_SASL_MECHANISM is not');
  }
  problems.throwIfAny();
  const options: KafkaSecurityOptions = {};
  if (tls) {
    options.ssl = files
      ? {
          rejectUnauthorized: true,
          ...(ca ? { ca: [ca] } : {}),
          ...(cert && key ? { cert, key } : {}),
        }
      : true;
  }
  if (mechanism !== undefined && username !== undefined && password !== undefined)
    options.sasl =
      mechanism === 'scram-sha-256'
        ? { mechanism, username, password }
        : { mechanism, username, password };
  return options;
}

/**
 * The Temporal SDK's `tls` option of the validated settings: `undefined` (plaintext, the
 * default), or TLS with the configured CA, client pair (mutual TLS) and server name.
 */
export function temporalTlsOptions(
  config: TemporalTlsConfig,
  read: ReadFile = readFileSync,
): TemporalTlsOptions | undefined {
  const problems = new Problems(read);
  problems.pair('TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE', config);
  const ca = problems.file('TEMPORAL_TLS_CA_FILE', config.TEMPORAL_TLS_CA_FILE);
  const crt = problems.file('TEMPORAL_TLS_CERT_FILE', config.TEMPORAL_TLS_CERT_FILE);
  const key = problems.file('TEMPORAL_TLS_KEY_FILE', config.TEMPORAL_TLS_KEY_FILE);
  problems.throwIfAny();
  const serverName = config.TEMPORAL_TLS_SERVER_NAME;
  const on =
    config.TEMPORAL_TLS === true ||
    Boolean(config.TEMPORAL_TLS_CA_FILE || config.TEMPORAL_TLS_CERT_FILE || serverName);
  if (!on) return undefined;
  return {
    ...(ca ? { serverRootCACertificate: ca } : {}),
    ...(crt && key ? { clientCertPair: { crt, key } } : {}),
    ...(serverName ? { serverNameOverride: serverName } : {}),
  };
}
