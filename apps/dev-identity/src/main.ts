import 'reflect-metadata';
import { loadConfig } from '@reintegra/platform-config';
import { runMain, startHttpService } from '@reintegra/platform-http';
import { devIdentityConfigSpec, SERVICE_NAME } from './config';
import { DevIdentityModule } from './dev-identity.module';

runMain(
  SERVICE_NAME,
  async () => {
    const config = loadConfig(devIdentityConfigSpec);
    if (config.NODE_ENV === 'production') {
      // A known signing key and demo users would let anyone in: never in production.
      throw new Error(
        'dev-identity is for development only and refuses to run with NODE_ENV=production',
      );
    }
    await startHttpService(DevIdentityModule.register(config), {
      service: SERVICE_NAME,
      host: config.HTTP_HOST,
      port: config.HTTP_PORT,
      api: {
        title: 'Reintegra dev-identity',
        description:
          'Proveedor de identidad solo para desarrollo: usuarios de demostración y sus tokens. / Development-only identity provider: demo users, their tokens and the signing keys.',
      },
    });
  },
  { exitWhenDone: false },
);
