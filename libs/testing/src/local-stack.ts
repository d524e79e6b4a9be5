import { isPortOpen, type TestStack } from './stack';

/** The stack started by `npm run stack:start` (the test command starts it first). */
export async function useLocalStack(env: NodeJS.ProcessEnv = process.env): Promise<TestStack> {
  const host = '127.0.0.1';
  const pgPort = Number(env['PG_PORT'] ?? 55432);
  const kafkaPort = Number(env['KAFKA_PORT'] ?? 59092);
  const temporalPort = Number(env['TEMPORAL_PORT'] ?? 57233);
  const checks = await Promise.all([
    isPortOpen(host, pgPort).then((open) => (open ? null : `PostgreSQL (${host}:${pgPort})`)),
    isPortOpen(host, kafkaPort).then((open) => (open ? null : `Kafka (${host}:${kafkaPort})`)),
    isPortOpen(host, temporalPort).then((open) =>
      open ? null : `Temporal (${host}:${temporalPort})`,
    ),
  ]);
  const down = checks.filter((name): name is string => name !== null);
  if (down.length > 0) {
    throw new Error(
      `The local stack is not running: ${down.join(', ')} not reachable. ` +
        'Start it with `npm run stack:start` (or run everything with `npm test`).',
    );
  }
  return {
    kind: 'local',
    postgres: { host, port: pgPort },
    kafkaBrokers: [`${host}:${kafkaPort}`],
    temporalAddress: `${host}:${temporalPort}`,
    temporalNamespace: 'reintegra-test',
    stop: async () => undefined, // owned by infra/stack.sh, shared with other runs
  };
}
