import { documentTypeOf } from './document-type';

describe('document type from the bytes', () => {
  it('recognises PDF, PNG and JPEG by their magic numbers', () => {
    expect(documentTypeOf(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1'))).toBe(
      'application/pdf',
    );
    expect(
      documentTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    ).toBe('image/png');
    expect(documentTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]))).toBe(
      'image/jpeg',
    );
  });

  it('refuses anything else, whatever it is called: an executable, HTML, a GIF, a truncated PNG', () => {
    expect(documentTypeOf(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBeUndefined();
    expect(documentTypeOf(Buffer.from('<html><script>', 'utf8'))).toBeUndefined();
    expect(documentTypeOf(Buffer.from('GIF89a', 'latin1'))).toBeUndefined();
    expect(documentTypeOf(Buffer.from([0x89, 0x50, 0x4e]))).toBeUndefined();
    expect(documentTypeOf(Buffer.from(' %PDF-1.4', 'latin1'))).toBeUndefined();
    expect(documentTypeOf(Buffer.alloc(0))).toBeUndefined();
  });
});
