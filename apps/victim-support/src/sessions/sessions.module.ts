import { Module } from '@nestjs/common';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** Care services, sessions and closure. */
@Module({ controllers: [SessionsController], providers: [SessionsService] })
export class SessionsModule {}
