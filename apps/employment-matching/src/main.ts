import 'reflect-metadata';
import { loadConfig } from '@reintegra/platform-config';
import { runMain, startHttpService } from '@reintegra/platform-http';
import { employmentMatchingConfigSpec, SERVICE_NAME } from './config';
import { EmploymentMatchingModule } from './employment-matching.module';

runMain(
  SERVICE_NAME,
  async () => {
    const config = loadConfig(employmentMatchingConfigSpec);
    await startHttpService(EmploymentMatchingModule.register(config), {
      service: SERVICE_NAME,
      host: config.HTTP_HOST,
      port: config.HTTP_PORT,
    });
  },
  { exitWhenDone: false },
);
