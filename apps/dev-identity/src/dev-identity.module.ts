import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@reintegra/platform-http';
import { SERVICE_NAME, type DevIdentityConfig } from './config';
import { DEV_ISSUER, DevIdentityController } from './dev-identity.controller';
import { loadOrCreateIssuer } from './signing-key';

@Module({})
export class DevIdentityModule {
  static register(config: DevIdentityConfig): DynamicModule {
    return {
      module: DevIdentityModule,
      imports: [ServiceCoreModule.forRoot({ service: SERVICE_NAME, config })],
      controllers: [DevIdentityController],
      providers: [
        {
          provide: DEV_ISSUER,
          useFactory: () =>
            loadOrCreateIssuer(
              config.DEV_IDENTITY_KEY_FILE,
              config.AUTH_ISSUER,
              config.AUTH_AUDIENCE,
            ),
        },
      ],
    };
  }
}
