import type { EnrolmentStatus } from '@reintegra/event-contracts';
import { ConflictError } from '@reintegra/platform-errors';
import { assertTransition, canTransition } from './enrolment-state';

describe('enrolment state machine', () => {
  it.each<[EnrolmentStatus, EnrolmentStatus]>([
    ['pending', 'enrolled'],
    ['pending', 'waitlisted'],
    ['waitlisted', 'enrolled'],
    ['waitlisted', 'dropped'],
    ['enrolled', 'attending'],
    ['enrolled', 'dropped'],
    ['attending', 'completed'],
    ['attending', 'dropped'],
  ])('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each<[EnrolmentStatus, EnrolmentStatus]>([
    ['enrolled', 'completed'],
    ['waitlisted', 'attending'],
    ['completed', 'dropped'],
    ['dropped', 'enrolled'],
    ['dropped', 'dropped'],
    ['attending', 'enrolled'],
    ['completed', 'attending'],
  ])('refuses %s → %s with a 409 conflict in both languages', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    try {
      assertTransition(from, to);
      throw new Error('expected a conflict');
    } catch (error) {
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).code).toBe('enrolment.invalid-transition');
      expect((error as ConflictError).localized.es).toMatch(/no puede pasar/);
    }
  });
});
