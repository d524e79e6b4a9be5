import 'reflect-metadata';
import { loadConfig } from '@reintegra/platform-config';
import { runMain, startHttpService } from '@reintegra/platform-http';
import { victimSupportConfigSpec, SERVICE_NAME } from './config';
import { VictimSupportModule } from './victim-support.module';

runMain(
  SERVICE_NAME,
  async () => {
    const config = loadConfig(victimSupportConfigSpec);
    await startHttpService(VictimSupportModule.register(config), {
      service: SERVICE_NAME,
      host: config.HTTP_HOST,
      port: config.HTTP_PORT,
    });
  },
  { exitWhenDone: false },
);
