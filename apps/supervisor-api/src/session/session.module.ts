import { Module } from '@nestjs/common';
import { SessionController } from './session.controller';

/** Settings, demo login (development) and who is logged in. */
@Module({ controllers: [SessionController] })
export class SessionModule {}
