import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

@Module({ imports: [CoreModule], controllers: [ProjectsController], providers: [ProjectsService] })
export class EntrepreneurshipModule {}
