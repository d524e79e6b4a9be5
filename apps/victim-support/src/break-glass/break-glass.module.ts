import { Module } from '@nestjs/common';
import { BreakGlassController } from './break-glass.controller';
import { BreakGlassService } from './break-glass.service';
import { ErasureService } from './erasure.service';

/** Break-glass access with its supervisor review, and erasure (crypto-shredding). */
@Module({ controllers: [BreakGlassController], providers: [BreakGlassService, ErasureService] })
export class BreakGlassModule {}
