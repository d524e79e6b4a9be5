import 'reflect-metadata';
import { loadConfig } from '@reintegra/platform-config';
import { runMain, startHttpService } from '@reintegra/platform-http';
import { intakeConfigSpec, SERVICE_NAME } from './config';
import { IntakeModule } from './intake.module';

runMain(
  SERVICE_NAME,
  async () => {
    const config = loadConfig(intakeConfigSpec);
    await startHttpService(IntakeModule.register(config), {
      service: SERVICE_NAME,
      host: config.HTTP_HOST,
      port: config.HTTP_PORT,
    });
  },
  { exitWhenDone: false },
);
