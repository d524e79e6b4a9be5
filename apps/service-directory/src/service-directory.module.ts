import { type DynamicModule, Module } from '@nestjs/common';
import { serviceRootModule } from '@reintegra/platform-service';
import { CapacityModule } from './capacity/capacity.module';
import type { ServiceDirectoryConfig } from './config';
import { DirectoryModule } from './directory/directory.module';
import { HsdsModule } from './hsds/hsds.module';
import { InboxModule } from './inbox/inbox.module';
import { RoutingModule } from './routing/routing.module';
import { serviceDirectoryService } from './service';

/** The service's feature modules, after the foundation ones. */
const FEATURES = [DirectoryModule, HsdsModule, RoutingModule, CapacityModule, InboxModule];

/**
 * Service directory: organisations, locations and services (HSDS 3), live capacity, and the
 * routing answer "which provider next" for a referral, and the provider inbox of outside
 * organisations.
 */
@Module({})
export class ServiceDirectoryModule {
  static register(config: ServiceDirectoryConfig): DynamicModule {
    return serviceRootModule(ServiceDirectoryModule, serviceDirectoryService, config, FEATURES);
  }
}
