import type { INestApplication } from '@nestjs/common';
import {
  currentTestStack,
  migrateServiceTestDatabase,
  scratchFile,
  serviceTestConfig,
  startGroupAtEnd,
  startServiceApp,
} from '@reintegra/testing';
import { IntakeModule } from '../intake.module';
import { isValidDui } from '../returnees/dui';
import { intakeService } from '../service';

export interface IntakeTestOptions {
  /**
   * A consumer group of the suite's own, starting at the end of the given topics: the suite sees
   * only the events it sends, and no other intake under test (another worktree, another suite)
   * takes its partitions.
   */
  readonly ownConsumerGroup?: { readonly groupId: string; readonly topics: readonly string[] };
}

/** The document size limit of test apps. */
export const DOCUMENT_TEST_MAX_BYTES = 256 * 1024;

/** Intake in-process against the real stack (test database, reintegra-test namespace), on a free port. */
export async function startIntakeForTest(
  options: IntakeTestOptions = {},
): Promise<{ app: INestApplication; url: string }> {
  const stack = currentTestStack();
  if (options.ownConsumerGroup) {
    const { groupId, topics } = options.ownConsumerGroup;
    await startGroupAtEnd(stack.kafkaBrokers, groupId, topics);
  }
  await migrateServiceTestDatabase(intakeService);
  const config = serviceTestConfig(intakeService, {
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: stack.temporalNamespace,
    OUTBOX_POLL_INTERVAL_MS: '50',
    // Victim-support events wait 3–6 s (minutes in production): long enough to unlink, short for tests.
    VICTIM_SUPPORT_HOLD_MAX_MS: '6000',
    KAFKA_CONSUMER_GROUP: options.ownConsumerGroup?.groupId ?? 'intake-test',
    // A key of the run's own: notes and documents are sealed and read back within one test app.
    INTAKE_KEK_FILE: scratchFile('intake-kek', 'kek.b64'),
    // Small, so the 413 test sends a few hundred kilobytes rather than ten megabytes.
    INTAKE_DOCUMENT_MAX_BYTES: String(DOCUMENT_TEST_MAX_BYTES),
  });
  return startServiceApp({
    module: IntakeModule.register(config),
    service: intakeService, // body limits and /docs, as in production
    consumer: {
      clientId: 'intake-test',
      brokers: config.KAFKA_BROKERS,
      groupId: config.KAFKA_CONSUMER_GROUP,
    },
  });
}

/** A DUI nobody else has used (valid check digit), so test runs never collide. */
export function freshDui(): string {
  for (;;) {
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    for (let check = 0; check < 10; check += 1) {
      const dui = `${digits}-${check}`;
      if (isValidDui(dui)) return dui;
    }
  }
}
