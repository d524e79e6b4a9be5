import { Module } from '@nestjs/common';
import { ContactDirectory } from './contact-directory';

/** What the features share: the contact lookup at intake. */
@Module({ providers: [ContactDirectory], exports: [ContactDirectory] })
export class NotificationsCoreModule {}
