import {
  auditHash,
  type AuditEntry,
  GENESIS_HASH,
  type StoredAuditRow,
  verifyAuditChain,
} from './audit-chain';

function chain(length: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= length; i += 1) {
    const entry: AuditEntry = {
      occurredAt: new Date(Date.UTC(2026, 10, 27, 12, 0, i)),
      actorSubject: `counsellor-${i % 2}`,
      actorRoles: ['victim-support-counsellor'],
      action: i === 1 ? 'care-record.accepted' : 'care-record.read',
      reference: '6f1c2b9e-0d3a-4c1e-9a7b-1f2e3d4c5b6a',
      purpose: 'assigned-care',
      outcome: 'allowed',
      reasonCode: null,
    };
    const hash = auditHash(prevHash, entry);
    rows.push({ ...entry, seq: String(i), prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('verifies an untouched chain and reports its head', () => {
    const rows = chain(5);
    expect(verifyAuditChain(rows)).toEqual({ ok: true, rows: 5, headHash: rows[4]?.hash });
    expect(verifyAuditChain([])).toEqual({ ok: true, rows: 0, headHash: GENESIS_HASH });
  });

  it.each([
    ['actor', { actorSubject: 'someone-else' }],
    ['action', { action: 'care-record.closed' as const }],
    ['time', { occurredAt: new Date(Date.UTC(2026, 0, 1)) }],
    ['purpose', { purpose: 'supervision' as const }],
    ['outcome', { outcome: 'denied' as const }],
    ['roles', { actorRoles: ['victim-support-supervisor'] }],
  ])('detects a modified %s', (_field, change) => {
    const rows = chain(5);
    rows[2] = { ...(rows[2] as StoredAuditRow), ...change };
    expect(verifyAuditChain(rows)).toMatchObject({
      ok: false,
      brokenAtSeq: '3',
      problem: 'modified',
    });
  });

  it('detects a deleted row', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyAuditChain(rows)).toMatchObject({
      ok: false,
      brokenAtSeq: '3',
      problem: 'missing-or-reordered',
    });
  });

  it('detects a row whose hash was recomputed after a change (the next link breaks)', () => {
    const rows = chain(5);
    const forged = { ...(rows[1] as StoredAuditRow), actorSubject: 'someone-else' };
    forged.hash = auditHash(forged.prevHash, forged);
    rows[1] = forged;
    expect(verifyAuditChain(rows)).toMatchObject({ ok: false, brokenAtSeq: '3' });
  });

  it('verifies in pages with the same result', () => {
    const rows = chain(6);
    const first = verifyAuditChain(rows.slice(0, 3));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(verifyAuditChain(rows.slice(3), first)).toEqual(verifyAuditChain(rows));
  });
});
