import { Module } from '@nestjs/common';
import { ReflectionController } from './reflection.controller';
import { ReflectionService } from './reflection.service';

/** Guided reflection: facilitator-only notes of sensitive sessions, audited. */
@Module({ controllers: [ReflectionController], providers: [ReflectionService] })
export class ReflectionModule {}
