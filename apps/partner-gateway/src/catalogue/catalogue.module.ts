import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue.controller';

/** The public event catalogue: a page to start from and the AsyncAPI document. */
@Module({ controllers: [CatalogueController] })
export class CatalogueModule {}
