import { Module } from '@nestjs/common';
import { DirectoryCoreModule } from '../core/directory-core.module';
import { HsdsController } from './hsds.controller';
import { HsdsService } from './hsds.service';

/** HSDS 3 export/import (writes through the directory feature's upserts). */
@Module({ imports: [DirectoryCoreModule], controllers: [HsdsController], providers: [HsdsService] })
export class HsdsModule {}
