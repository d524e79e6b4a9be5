import { Module } from '@nestjs/common';
import { RoutingController } from './routing.controller';
import { RoutingService } from './routing.service';

/** Referral routing over the directory (reads core queries only). */
@Module({ controllers: [RoutingController], providers: [RoutingService] })
export class RoutingModule {}
