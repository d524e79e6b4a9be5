import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import type { AuthConfig } from './auth-config';
import { TokenVerifier } from './token-verifier';

/** Installs the deny-by-default access guard on every HTTP route of the service. */
@Module({})
export class PlatformAuthModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: PlatformAuthModule,
      global: true,
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(config) },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
