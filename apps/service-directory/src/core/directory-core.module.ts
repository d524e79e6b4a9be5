import { Module } from '@nestjs/common';
import { DirectoryEvents } from './directory-events.service';

/** What every directory feature shares: its events (queries and access rules are plain functions). */
@Module({ providers: [DirectoryEvents], exports: [DirectoryEvents] })
export class DirectoryCoreModule {}
