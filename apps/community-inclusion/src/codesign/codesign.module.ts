import { Module } from '@nestjs/common';
import { CodesignController } from './codesign.controller';
import { CodesignService } from './codesign.service';

/** Co-design of the next cycle: proposals, votes, decisions, who took part in deciding. */
@Module({ controllers: [CodesignController], providers: [CodesignService] })
export class CodesignModule {}
