import { Module } from '@nestjs/common';
import { ConsentsConsumer } from './consents.consumer';

/** Consumer of reintegra.intake.consents (`contact` purpose only). */
@Module({ controllers: [ConsentsConsumer] })
export class ConsentsModule {}
