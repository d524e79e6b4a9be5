import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  createEvent,
  type EventEnvelope,
  referralRequestedV1,
  referralRevokedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import {
  currentTestStack,
  eventually,
  migrateServiceTestDatabase,
  sendEvents,
  serviceTestConfig,
  startGroupAtEnd,
  startServiceApp,
  startTestProducer,
} from '@reintegra/testing';
import { EducationEnrolmentModule } from '../education-enrolment.module';
import { educationEnrolmentService } from '../service';

export interface TestEducation {
  app: INestApplication;
  url: string;
  db: DataSource;
  producer: Producer;
  stop(): Promise<void>;
}

/**
 * Education enrolment in-process against the real PostgreSQL and Kafka, with a producer that
 * plays intake. `consumerGroup` defaults to a fresh group starting at the end of the referrals
 * topic, so the suite reads only the referrals it sends.
 */
export async function startEducationEnrolment(
  options: { consumerGroup?: string } = {},
): Promise<TestEducation> {
  const stack = currentTestStack();
  await migrateServiceTestDatabase(educationEnrolmentService);
  const group = options.consumerGroup ?? `education-enrolment-test-${randomUUID()}`;
  if (!options.consumerGroup)
    await startGroupAtEnd(stack.kafkaBrokers, group, [TOPICS.intakeReferrals]);
  const config = serviceTestConfig(educationEnrolmentService, {
    DATABASE_POOL_SIZE: '20',
    KAFKA_CONSUMER_GROUP: group,
    OUTBOX_POLL_INTERVAL_MS: '50',
    ATTENDANCE_AT_RISK_ABSENCES: '2',
  });
  const producer = await startTestProducer('education-test');
  // Without configureServiceApp: this bed never applied the production body limits and /docs.
  const { app, url } = await startServiceApp({
    module: EducationEnrolmentModule.register(config),
    consumer: {
      clientId: config.KAFKA_CLIENT_ID,
      brokers: config.KAFKA_BROKERS,
      groupId: config.KAFKA_CONSUMER_GROUP,
    },
  });
  return {
    app,
    url,
    db: app.get(DataSource),
    producer,
    stop: async () => {
      await producer.disconnect();
      await app.close();
    },
  };
}

/** intake's referral.requested for education, as it arrives on the referrals topic. */
export const educationReferralRequested = (
  caseId: string,
  referralId: string,
  providerIds: string[],
) =>
  createEvent(referralRequestedV1, {
    subject: caseId,
    source: '/reintegra/intake',
    actor: 'user:intake-officer-test',
    correlationId: randomUUID(),
    data: {
      referralId,
      caseId,
      service: 'education',
      priority: 'normal',
      providerIds,
      acknowledgeBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      requestedAt: new Date().toISOString(),
      consentId: randomUUID(),
    },
  });

/** intake's referral.revoked of an education referral. */
export const educationReferralRevoked = (caseId: string, referralId: string) =>
  createEvent(referralRevokedV1, {
    subject: caseId,
    source: '/reintegra/intake',
    actor: 'user:intake-officer-test',
    correlationId: randomUUID(),
    data: { referralId, caseId, reasonCode: 'test-fixture', revokedAt: new Date().toISOString() },
  });

/** Publishes events of one case in order (the case id is the partition key, as intake does). */
export const sendForCase = (
  producer: Producer,
  caseId: string,
  topic: string,
  ...events: EventEnvelope[]
) => sendEvents(producer, topic, caseId, events);

export async function referralStatusIs(
  db: DataSource,
  referralId: string,
  status: string,
): Promise<void> {
  await eventually(async () => {
    const rows = (await db.query(`SELECT status FROM referrals WHERE id = $1`, [referralId])) as {
      status: string;
    }[];
    expect(rows[0]?.status).toBe(status);
  });
}
