import { Module } from '@nestjs/common';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';
import { DisclosuresService } from './disclosures.service';

/** Consent and disclosure. */
@Module({ controllers: [ConsentsController], providers: [ConsentsService, DisclosuresService] })
export class ConsentsModule {}
