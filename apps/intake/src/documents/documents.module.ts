import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { DOCUMENT_SCANNER, NoDocumentScanning } from './document-scanner';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

/** Case documents: type from the bytes, virus-scan hook, sealed at rest, every read audited. */
@Module({
  imports: [CoreModule],
  controllers: [DocumentsController],
  // The virus-scan hook point: bind a ClamAV scanner here (see document-scanner.ts).
  providers: [DocumentsService, { provide: DOCUMENT_SCANNER, useClass: NoDocumentScanning }],
})
export class DocumentsModule {}
