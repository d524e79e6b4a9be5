import { Module } from '@nestjs/common';
import { CapacityConsumer } from './capacity.consumer';
import { CapacityService } from './capacity.service';

/** Consumer of reintegra.services.capacity (cohorts, vacancies). */
@Module({ controllers: [CapacityConsumer], providers: [CapacityService] })
export class CapacityModule {}
