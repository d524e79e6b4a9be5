import { Module } from '@nestjs/common';
import { OccupationsController } from './occupations.controller';

@Module({ controllers: [OccupationsController] })
export class OccupationsModule {}
