import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { type EventDefinition, returneeRegisteredV1 } from '@reintegra/event-contracts';
import {
  currentTestStack,
  migrateServiceTestDatabase,
  publishEvent,
  requestJson,
  serviceTestConfig,
  startServiceApp,
  startTestProducer,
} from '@reintegra/testing';
import type { z } from 'zod';
import { startCommunityStub } from '../community/community-test-bed';
import { supervisorApiService } from '../service';
import { SupervisorApiModule } from '../supervisor-api.module';

export interface Reply {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

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

/**
 * The supervisor API in-process on the real stack, with a producer to publish events by hand and
 * an HTTP client; intake, the development identity provider and community inclusion are stubbed
 * (community answers `communityAnswer`).
 */
export class SupervisorApiTestBed {
  app!: INestApplication;
  db!: DataSource;
  url = '';
  private producer!: Producer;
  private peers!: Server;
  private community!: { url: string; stop(): Promise<void> };

  async start(communityAnswer: unknown = {}): Promise<void> {
    const stack = currentTestStack();
    this.peers = await startPeersStub();
    const peersUrl = `http://127.0.0.1:${(this.peers.address() as AddressInfo).port}`;
    this.community = await startCommunityStub(communityAnswer);
    await migrateServiceTestDatabase(supervisorApiService);
    const config = serviceTestConfig(supervisorApiService, {
      // The read model stores its own positions: the group only hints where to resume.
      KAFKA_CONSUMER_GROUP: 'supervisor-api-test',
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: stack.temporalNamespace,
      INTAKE_URL: peersUrl,
      DEV_IDENTITY_URL: peersUrl,
      COMMUNITY_URL: this.community.url,
    });
    this.producer = await startTestProducer('supervisor-test-bed');
    // No Kafka microservice here: as before, the bed serves HTTP only.
    ({ app: this.app, url: this.url } = await startServiceApp({
      module: SupervisorApiModule.register(config),
      service: supervisorApiService,
    }));
    this.db = this.app.get(DataSource);
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.producer?.disconnect();
    this.peers?.closeAllConnections();
    this.peers?.close();
    await this.community?.stop();
  }

  publish<S extends z.ZodType>(definition: EventDefinition<S>, subject: string, data: z.input<S>) {
    return publishEvent(this.producer, definition, subject, data, {
      source: '/reintegra/intake',
      actor: 'user:test-officer',
      contentTypeHeader: true,
    });
  }

  /** Publishes intake's returnee.registered for a new case of the municipality; its id. */
  async registerCase(municipalityCode: string): Promise<string> {
    const caseId = randomUUID();
    const now = new Date();
    await this.publish(returneeRegisteredV1, caseId, {
      caseId,
      returneeId: randomUUID(),
      episodeNumber: 1,
      municipalityCode,
      returnDate: now.toISOString().slice(0, 10),
      countryReturnedFrom: 'US',
      minor: false,
      registeredAt: now.toISOString(),
    });
    return caseId;
  }

  async call(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
  ): Promise<Reply> {
    const reply = await requestJson(this.url, method, path, { authorization: token, body });
    return {
      status: reply.status,
      type: reply.headers.get('content-type') ?? '',
      body: (reply.body ?? {}) as Record<string, unknown>,
    };
  }
}
