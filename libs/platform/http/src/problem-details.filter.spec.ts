import 'reflect-metadata';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { UnavailableError } from '@reintegra/platform-errors';
import { problemDetailsProvider } from './bootstrap';

@Controller()
class DependentController {
  @Get('path')
  path() {
    throw new UnavailableError('path.unavailable', {
      es: 'El itinerario no se puede consultar en este momento.',
      en: 'The path cannot be read right now.',
    });
  }
}

@Module({ controllers: [DependentController], providers: [problemDetailsProvider] })
class DependentModule {}

let app: INestApplication;

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ imports: [DependentModule] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.init();
});
afterAll(() => app.close());

describe('a dependency that does not answer in time', () => {
  it('answers 503 with Retry-After and its own code, Spanish first', async () => {
    const response = await request(app.getHttpServer()).get('/path');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 503,
      code: 'path.unavailable',
      title: 'El itinerario no se puede consultar en este momento.',
    });
  });
});
