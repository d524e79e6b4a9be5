import { Module } from '@nestjs/common';
import { RecordsController } from './records.controller';
import { RecordViewService } from './record-view.service';

/** Reading a whole care record, and its audit trail. */
@Module({ controllers: [RecordsController], providers: [RecordViewService] })
export class RecordsModule {}
