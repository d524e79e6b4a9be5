import { ROLES, type Actor, type Role } from '@reintegra/platform-auth';
import { accessBasis, inOffice, queueShows, selfAcceptBasis } from './access-policy';

const actor = (...roles: Role[]): Actor => ({ subject: 'someone', roles });
const none = { assigned: false, activeBreakGlass: false };
const assigned = { assigned: true, activeBreakGlass: false };
const breakGlass = { assigned: false, activeBreakGlass: true };

describe('need-to-know', () => {
  it('lets the assigned counsellor read and write', () => {
    expect(accessBasis(actor('victim-support-counsellor'), assigned, 'read')).toBe('assigned-care');
    expect(accessBasis(actor('victim-support-counsellor'), assigned, 'write')).toBe(
      'assigned-care',
    );
  });

  it('lets the victim-support supervisor read but not write care content', () => {
    expect(accessBasis(actor('victim-support-supervisor'), none, 'read')).toBe('supervision');
    expect(accessBasis(actor('victim-support-supervisor'), none, 'write')).toBeNull();
  });

  it('gives an unassigned counsellor access only under a live break-glass grant', () => {
    expect(accessBasis(actor('victim-support-counsellor'), none, 'read')).toBeNull();
    expect(accessBasis(actor('victim-support-counsellor'), breakGlass, 'write')).toBe(
      'break-glass',
    );
  });

  it.each(ROLES.filter((role) => !role.startsWith('victim-support')))(
    'gives %s nothing, even with an assignment or a grant recorded for its subject',
    (role) => {
      for (const facts of [none, assigned, breakGlass]) {
        expect(accessBasis(actor(role), facts, 'read')).toBeNull();
        expect(accessBasis(actor(role), facts, 'write')).toBeNull();
      }
    },
  );
});

describe('office scope', () => {
  const laPaz = 'SV-PA-LA-PAZ-ESTE';
  const of = (municipalityCode?: string, ...roles: Role[]): Actor => ({
    subject: 'someone',
    roles,
    ...(municipalityCode ? { municipalityCode } : {}),
  });

  it('admits staff of the record’s own municipality only', () => {
    expect(inOffice(of(laPaz, 'victim-support-counsellor'), laPaz)).toBe(true);
    expect(inOffice(of('SV-SS-SAN-SALVADOR-CENTRO', 'victim-support-supervisor'), laPaz)).toBe(
      false,
    );
  });

  it('admits nobody to an unrouted record, and no token without a municipality', () => {
    expect(inOffice(of(laPaz, 'victim-support-supervisor'), null)).toBe(false);
    expect(inOffice(of(undefined, 'victim-support-supervisor', 'admin'), laPaz)).toBe(false);
  });
});

describe('child-protection referrals', () => {
  it('are taken by no counsellor alone: a survivor’s care is, a child’s protection is assigned', () => {
    expect(selfAcceptBasis('care')).toBe('assigned-care');
    expect(selfAcceptBasis('child-protection')).toBeNull();
  });

  it('are listed to the victim-support supervisor only', () => {
    expect(queueShows(actor('victim-support-counsellor'), 'care')).toBe(true);
    expect(queueShows(actor('victim-support-counsellor'), 'child-protection')).toBe(false);
    expect(queueShows(actor('victim-support-supervisor'), 'child-protection')).toBe(true);
  });
});
