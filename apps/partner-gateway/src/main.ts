import 'reflect-metadata';
import { serve } from '@reintegra/platform-service';
import { PartnerGatewayModule } from './partner-gateway.module';
import { partnerGatewayService } from './service';

// One process: the HTTP API (catalogue, admin, agency endpoints), the consumer of the internal
// topics and the delivery workers.
serve(partnerGatewayService, (config) => PartnerGatewayModule.register(config));
