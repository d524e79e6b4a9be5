import { Injectable } from '@nestjs/common';
import type { DocumentType } from './document-type';

export type ScanVerdict =
  | { readonly clean: true }
  | { readonly clean: false; readonly finding: string };

/**
 * The virus-scan hook: every upload passes `scan` after its type is checked and before anything is
 * stored; a finding refuses it (422 `document.infected`), a scanner that fails refuses it too
 * (500: nothing unscanned is stored once a scanner is plugged in).
 *
 * To plug ClamAV: implement this interface with clamd's INSTREAM command (TCP, port 3310 by
 * default: send `zINSTREAM\0`, then the bytes in chunks each preceded by its length as 4 bytes
 * big-endian, then a zero length; clamd answers `stream: OK` or `stream: <signature> FOUND`), and
 * bind it to DOCUMENT_SCANNER in documents.module.ts instead of NoDocumentScanning.
 */
export interface DocumentScanner {
  scan(bytes: Buffer, type: DocumentType): Promise<ScanVerdict>;
}

export const DOCUMENT_SCANNER = Symbol('DOCUMENT_SCANNER');

/** The default: no scanner installed, every document passes (the README says so). */
@Injectable()
export class NoDocumentScanning implements DocumentScanner {
  async scan(): Promise<ScanVerdict> {
    return { clean: true };
  }
}
