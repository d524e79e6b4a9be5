import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  type EventDefinition,
} from '@reintegra/event-contracts';
import { loadConfig } from '@reintegra/platform-config';
import { runMigrations, serviceDataSourceOptions } from '@reintegra/platform-database';
import { configureServiceApp } from '@reintegra/platform-service';
import { currentTestStack, testAuthEnvironment, testDatabaseUrl } from '@reintegra/testing';
import type { z } from 'zod';
import { supervisorApiConfigSpec } from '../config';
import { supervisorDataSource } from '../database/supervisor-data-source';
import { supervisorApiService } from '../service';
import { SupervisorApiModule } from '../supervisor-api.module';

export interface Reply {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

/**
 * The supervisor API in-process on the real stack, with a producer to publish events by hand and
 * an HTTP client. Intake and community are unreachable addresses: suites that need them stub them.
 */
export class SupervisorApiTestBed {
  app!: INestApplication;
  db!: DataSource;
  private url = '';
  private producer!: Producer;

  async start(): Promise<void> {
    const stack = currentTestStack();
    await runMigrations(
      serviceDataSourceOptions(supervisorDataSource(testDatabaseUrl('supervisor', 'migrator'))),
    );
    const config = loadConfig(supervisorApiConfigSpec, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: testDatabaseUrl('supervisor', 'app'),
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      KAFKA_CONSUMER_GROUP: 'supervisor-api-test',
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: stack.temporalNamespace,
      INTAKE_URL: 'http://127.0.0.1:9',
      COMMUNITY_URL: 'http://127.0.0.1:9',
      ...testAuthEnvironment(),
    });
    this.producer = new Kafka({
      brokers: stack.kafkaBrokers,
      clientId: 'supervisor-test-bed',
      logLevel: 1,
    }).producer();
    await this.producer.connect();
    this.app = await NestFactory.create(SupervisorApiModule.register(config), { logger: false });
    configureServiceApp(this.app, supervisorApiService);
    await this.app.listen(0, '127.0.0.1');
    this.url = await this.app.getUrl();
    this.db = this.app.get(DataSource);
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.producer?.disconnect();
  }

  async publish<S extends z.ZodType>(
    definition: EventDefinition<S>,
    subject: string,
    data: z.input<S>,
  ) {
    const event = createEvent(definition, {
      subject,
      source: '/reintegra/intake',
      actor: 'user:test-officer',
      correlationId: randomUUID(),
      data,
    });
    await this.producer.send({
      topic: definition.topic,
      messages: [
        {
          key: subject,
          value: JSON.stringify(event),
          headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
        },
      ],
    });
    return event;
  }

  async call(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
  ): Promise<Reply> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: token } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  }
}
