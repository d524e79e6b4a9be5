import { generateReturnees } from '@reintegra/demo-data';
import { isValidDui } from './dui';
import { ageOn, registerReturneeRequestSchema } from './register-returnee.requests';

/** The demo loader registers these people through the API: each must be a valid registration. */
describe('demo returnees', () => {
  const people = generateReturnees({ seed: 'intake-spec', count: 1000, until: '2026-11-20' });

  it('all pass the registration rules (DUI check digit, municipality and district codes)', () => {
    for (const { registration } of people) {
      const result = registerReturneeRequestSchema.safeParse(registration);
      expect(result.error?.issues ?? []).toEqual([]);
      if (registration.dui) expect(isValidDui(registration.dui)).toBe(true);
    }
  });

  it('include about one minor in five, none with a DUI', () => {
    const minors = people.filter(
      ({ registration }) => ageOn(registration.dateOfBirth, registration.returnDate) < 18,
    );
    expect(minors.length).toBeGreaterThan(150);
    expect(minors.length).toBeLessThan(250);
    expect(minors.some(({ registration }) => registration.dui)).toBe(false);
  });
});
