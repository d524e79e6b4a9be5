import { Module } from '@nestjs/common';
import { DirectoryCoreModule } from '../core/directory-core.module';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';

/** Organisations, locations, services and reported capacity. */
@Module({
  imports: [DirectoryCoreModule],
  controllers: [DirectoryController],
  providers: [DirectoryService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
