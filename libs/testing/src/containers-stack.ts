import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestStack } from './stack';

/**
 * The same stack in containers, for machines with a Docker engine: PostgreSQL 15 bootstrapped by
 * the same SQL as the local stack, Kafka in KRaft mode with the declared topics, and the Temporal
 * dev server with the project's namespace and search attributes.
 */
export async function startContainerStack(workspaceRoot: string): Promise<TestStack> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { KafkaContainer } = await import('@testcontainers/kafka');

  const bootstrapSql = execFileSync(
    'bash',
    [join(workspaceRoot, 'infra/postgres/bootstrap.sql.sh')],
    {
      encoding: 'utf8',
    },
  );
  const searchAttributes = readFileSync(
    join(workspaceRoot, 'infra/temporal/search-attributes.txt'),
    'utf8',
  )
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);

  const [postgres, kafka, temporal] = await Promise.all([
    new PostgreSqlContainer('postgres:15')
      .withCopyContentToContainer([
        { content: bootstrapSql, target: '/docker-entrypoint-initdb.d/10-bootstrap.sql' },
      ])
      .start(),
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
    new GenericContainer('temporalio/temporal:1.4.1')
      .withCommand([
        'server',
        'start-dev',
        '--ip',
        '0.0.0.0',
        '--namespace',
        'reintegra-test',
        ...searchAttributes.flatMap((attribute) => ['--search-attribute', attribute]),
      ])
      .withExposedPorts(7233)
      .withWaitStrategy(Wait.forListeningPorts())
      .start(),
  ]);

  const kafkaBrokers = [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`];
  await createDeclaredTopics(workspaceRoot, kafkaBrokers);
  return {
    kind: 'testcontainers',
    postgres: { host: postgres.getHost(), port: postgres.getPort() },
    kafkaBrokers,
    temporalAddress: `${temporal.getHost()}:${temporal.getMappedPort(7233)}`,
    temporalNamespace: 'reintegra-test',
    stop: async () => {
      await Promise.all([postgres.stop(), kafka.stop(), temporal.stop()]);
    },
  };
}

async function createDeclaredTopics(workspaceRoot: string, brokers: string[]): Promise<void> {
  const { Kafka } = await import('kafkajs');
  const declared = JSON.parse(
    readFileSync(join(workspaceRoot, 'libs/contracts/events/src/topic-list.json'), 'utf8'),
  ) as {
    deadLetterDefaults: { partitions: number; retentionMs: number };
    topics: Array<{
      name: string;
      partitions: number;
      retentionMs: number;
      deadLetterTopic: string;
    }>;
  };
  const admin = new Kafka({ brokers, clientId: 'test-stack' }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: declared.topics.flatMap((topic) => [
        {
          topic: topic.name,
          numPartitions: topic.partitions,
          configEntries: [{ name: 'retention.ms', value: String(topic.retentionMs) }],
        },
        {
          topic: topic.deadLetterTopic,
          numPartitions: declared.deadLetterDefaults.partitions,
          configEntries: [
            { name: 'retention.ms', value: String(declared.deadLetterDefaults.retentionMs) },
          ],
        },
      ]),
    });
  } finally {
    await admin.disconnect();
  }
}
