import type { ServiceDefinition } from '@reintegra/platform-service';
import { partnerGatewayConfigSpec, SERVICE_NAME } from './config';
import { partnerGatewayDataSource } from './database/partner-gateway-data-source';

export const partnerGatewayService: ServiceDefinition<typeof partnerGatewayConfigSpec> = {
  name: SERVICE_NAME,
  configSpec: partnerGatewayConfigSpec,
  database: 'partner_gateway',
  dataSource: partnerGatewayDataSource,
  consumesEvents: true,
};
