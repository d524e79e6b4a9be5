/** The files an office keeps: scans and photos of papers (DUI, certificates, deportation records). */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** What the upload route may declare: one of the types, or "some bytes" (the bytes decide). */
export const UPLOAD_TYPES = [...DOCUMENT_TYPES, 'application/octet-stream'] as const;

const SIGNATURES: readonly { type: DocumentType; magic: Buffer }[] = [
  { type: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  { type: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
];

/**
 * The type the bytes really are, from their first bytes (magic numbers), or undefined for anything
 * else. Neither the file's name nor the declared Content-Type is trusted: an `.exe` renamed
 * `.pdf` starts with `MZ` and is refused here.
 */
export function documentTypeOf(bytes: Buffer): DocumentType | undefined {
  return SIGNATURES.find(({ magic }) => bytes.subarray(0, magic.length).equals(magic))?.type;
}

export const EXTENSIONS: Readonly<Record<DocumentType, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};
