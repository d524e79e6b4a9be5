import { type DynamicModule, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AsyncModuleOptions } from '@reintegra/platform-config';
import { HealthRegistry } from '@reintegra/platform-http';
import { serviceDataSourceOptions, type ServiceDataSourceOptions } from './data-source';

@Injectable()
class DatabaseHealthProbe implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register('database', async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}

/** TypeORM connection of a service with the application (DML-only) role, and its health probe. */
@Module({})
export class PlatformDatabaseModule {
  static forRootAsync(options: AsyncModuleOptions<ServiceDataSourceOptions>): DynamicModule {
    return {
      module: PlatformDatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: options.inject,
          useFactory: (...args: unknown[]) =>
            serviceDataSourceOptions(options.useFactory(...(args as never[]))),
        }),
      ],
      providers: [DatabaseHealthProbe],
    };
  }
}
