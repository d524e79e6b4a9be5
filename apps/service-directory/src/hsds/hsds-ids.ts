import { createHash } from 'node:crypto';

/**
 * HSDS wants a uuid on every object (addresses, languages, schedules, attributes, …). Ours are
 * derived from the owner's id and the object's place, so that an export is stable run after run
 * and an import of our own export changes nothing.
 */
export function stableUuid(...parts: readonly (string | number)[]): string {
  const hex = createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
