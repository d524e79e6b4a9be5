import 'reflect-metadata';
import { migrate } from '@reintegra/platform-service';
import { partnerGatewayService } from './service';

migrate(partnerGatewayService);
