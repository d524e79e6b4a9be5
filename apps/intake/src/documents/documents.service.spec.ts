import type { DataSource } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import type { IntakeConfig } from '../config';
import type { CaseAccess } from '../core/case-access.service';
import type { IntakeAudit } from '../core/intake-audit.service';
import type { RecordCipher } from '../core/record-cipher.service';
import { onePagePdf } from '../testing/document-fixtures';
import type { DocumentScanner } from './document-scanner';
import { DocumentsService } from './documents.service';

const officer: Actor = {
  subject: 'o1',
  roles: ['intake-officer'],
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
};
const caseId = '6f1c2b9e-0d3a-4c1e-9a7b-1f2e3d4c5b6a';

/** The service with a scanner of the test's choosing; nothing past the scan may be reached. */
function serviceScanningWith(scanner: DocumentScanner) {
  const unreachable = () => {
    throw new Error('reached storage');
  };
  return new DocumentsService(
    { transaction: unreachable } as unknown as DataSource,
    {} as CaseAccess,
    {} as RecordCipher,
    {} as IntakeAudit,
    scanner,
    { INTAKE_DOCUMENT_MAX_BYTES: 1_000_000 } as IntakeConfig,
  );
}

describe('the virus-scan hook', () => {
  it('hands the scanner the bytes and their real type, and refuses a finding before storing', async () => {
    const scanned: string[] = [];
    const service = serviceScanningWith({
      scan: async (bytes, type) => {
        scanned.push(`${type}:${bytes.length}`);
        return { clean: false, finding: 'Eicar-Test-Signature' };
      },
    });
    const pdf = onePagePdf('x');
    await expect(
      service.upload(
        caseId,
        { bytes: pdf, declaredType: 'application/octet-stream' },
        { kind: 'other', confidentiality: 'general' },
        officer,
        'c0ffee00-0000-4000-8000-000000000000',
      ),
    ).rejects.toMatchObject({ code: 'document.infected', kind: 'unprocessable' });
    expect(scanned).toEqual([`application/pdf:${pdf.length}`]);
  });

  it('is not asked about bytes that are not an allowed type', async () => {
    const scan = jest.fn();
    await expect(
      serviceScanningWith({ scan }).upload(
        caseId,
        { bytes: Buffer.from('MZ\x90\x00', 'latin1'), declaredType: 'application/pdf' },
        { kind: 'other', confidentiality: 'general' },
        officer,
        'c0ffee00-0000-4000-8000-000000000000',
      ),
    ).rejects.toMatchObject({ code: 'document.type-not-allowed', kind: 'unsupported-media-type' });
    expect(scan).not.toHaveBeenCalled();
  });
});
