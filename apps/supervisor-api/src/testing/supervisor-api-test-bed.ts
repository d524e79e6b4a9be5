import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  returneeRegisteredV1,
} from '@reintegra/event-contracts';
import { loadConfig } from '@reintegra/platform-config';
import { runMigrations, serviceDataSourceOptions } from '@reintegra/platform-database';
import { configureServiceApp } from '@reintegra/platform-service';
import { currentTestStack, testAuthEnvironment, testDatabaseUrl } from '@reintegra/testing';
import { startCommunityStub } from '../community/community-test-bed';
import { supervisorApiConfigSpec } from '../config';
import { supervisorDataSource } from '../database/supervisor-data-source';
import { supervisorApiService } from '../service';
import { SupervisorApiModule } from '../supervisor-api.module';

/**
 * Stands in for intake's plan and closure API (an approval at If-Match "2" succeeds, a closure
 * answers 409; intake's own behaviour is tested in intake and e2e) and for the development
 * identity provider (no demo users).
 */
function startPeersStub(): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const answer = (status: number, body: unknown, type = 'application/problem+json') =>
        response.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
      if (request.url === '/dev/users') answer(200, [], 'application/json');
      else if (request.url?.endsWith('/plan/approval') && request.headers['if-match'] === '"2"')
        answer(200, { plan: { status: 'approved', version: 3 } }, 'application/json');
      else if (request.url?.endsWith('/closure'))
        answer(409, { status: 409, code: 'case.illegal-transition', title: 'Ya cerrado.' });
      else answer(404, { status: 404, code: 'route.not-found', title: 'No encontrado.' });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export interface TestSupervisorApi {
  app: INestApplication;
  url: string;
  /** Publishes intake's returnee.registered for a new case of the municipality; its id. */
  registerCase(municipalityCode: string): Promise<string>;
  stop(): Promise<void>;
}

/** The supervisor API in-process on the real stack, intake and community inclusion stubbed. */
export async function startSupervisorApi(communityAnswer: unknown): Promise<TestSupervisorApi> {
  const stack = currentTestStack();
  const peers = await startPeersStub();
  const peersUrl = `http://127.0.0.1:${(peers.address() as AddressInfo).port}`;
  const community = await startCommunityStub(communityAnswer);
  await runMigrations(
    serviceDataSourceOptions(supervisorDataSource(testDatabaseUrl('supervisor', 'migrator'))),
  );
  const config = loadConfig(supervisorApiConfigSpec, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testDatabaseUrl('supervisor', 'app'),
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    // The read model stores its own positions: the group only hints where to resume.
    KAFKA_CONSUMER_GROUP: 'supervisor-api-test',
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: stack.temporalNamespace,
    INTAKE_URL: peersUrl,
    DEV_IDENTITY_URL: peersUrl,
    COMMUNITY_URL: community.url,
    ...testAuthEnvironment(),
  });
  const producer: Producer = new Kafka({
    brokers: stack.kafkaBrokers,
    clientId: 'supervisor-test',
    logLevel: 1,
  }).producer();
  await producer.connect();
  const app = await NestFactory.create(SupervisorApiModule.register(config), { logger: false });
  configureServiceApp(app, supervisorApiService);
  await app.listen(0, '127.0.0.1');
  return {
    app,
    url: await app.getUrl(),
    registerCase: async (municipalityCode) => {
      const caseId = randomUUID();
      const now = new Date();
      const event = createEvent(returneeRegisteredV1, {
        subject: caseId,
        source: '/reintegra/intake',
        actor: 'user:test-officer',
        correlationId: randomUUID(),
        data: {
          caseId,
          returneeId: randomUUID(),
          episodeNumber: 1,
          municipalityCode,
          returnDate: now.toISOString().slice(0, 10),
          countryReturnedFrom: 'US',
          minor: false,
          registeredAt: now.toISOString(),
        },
      });
      await producer.send({
        topic: returneeRegisteredV1.topic,
        messages: [
          {
            key: caseId,
            value: JSON.stringify(event),
            headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
          },
        ],
      });
      return caseId;
    },
    stop: async () => {
      await app.close();
      await producer.disconnect();
      peers.closeAllConnections();
      peers.close();
      await community.stop();
    },
  };
}
