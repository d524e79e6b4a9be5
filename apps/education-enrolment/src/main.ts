import 'reflect-metadata';
import { loadConfig } from '@reintegra/platform-config';
import { runMain, startHttpService } from '@reintegra/platform-http';
import { educationEnrolmentConfigSpec, SERVICE_NAME } from './config';
import { EducationEnrolmentModule } from './education-enrolment.module';

runMain(
  SERVICE_NAME,
  async () => {
    const config = loadConfig(educationEnrolmentConfigSpec);
    await startHttpService(EducationEnrolmentModule.register(config), {
      service: SERVICE_NAME,
      host: config.HTTP_HOST,
      port: config.HTTP_PORT,
    });
  },
  { exitWhenDone: false },
);
