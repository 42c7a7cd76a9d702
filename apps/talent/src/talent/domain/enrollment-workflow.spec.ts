import { admissionOf, certificateNumber, checkScore, ENROLLMENT_STATUSES, nextEnrollmentStatus, type EnrollmentAction, type EnrollmentStatus } from './enrollment-workflow';

const VALID: Array<[EnrollmentStatus, EnrollmentAction, EnrollmentStatus]> = [
  ['waitlisted', 'promote', 'enrolled'],
  ['enrolled', 'complete', 'completed'],
  ['waitlisted', 'drop', 'dropped'],
  ['enrolled', 'drop', 'dropped'],
];
const ACTIONS: EnrollmentAction[] = ['promote', 'complete', 'drop'];

describe(nextEnrollmentStatus.name, () => {
  it.each(VALID)('%s --%s--> %s', (from, action, to) => {
    expect(nextEnrollmentStatus(from, action)).toBe(to);
  });

  it('refuses every other step: completing a waitlisted trainee, dropping a completed one, anything on a dropped one', () => {
    const invalid = ENROLLMENT_STATUSES.flatMap((from) => ACTIONS.filter((a) => !VALID.some(([f, va]) => f === from && va === a)).map((a) => [from, a] as const));
    expect(invalid).toEqual(expect.arrayContaining([['waitlisted', 'complete'], ['completed', 'drop'], ['dropped', 'promote'], ['dropped', 'drop']]));
    expect(invalid).toHaveLength(ENROLLMENT_STATUSES.length * ACTIONS.length - VALID.length);
    for (const [from, action] of invalid) {
      expect(() => nextEnrollmentStatus(from, action)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION', field: 'enrollmentId', details: expect.objectContaining({ from, action }) }));
    }
  });
});

describe(admissionOf.name, () => {
  it.each([
    [5, 0, 'enrolled'],
    [5, 4, 'enrolled'],
    [5, 5, 'waitlisted'],
    [5, 9, 'waitlisted'],
    [1, 0, 'enrolled'],
    [1, 1, 'waitlisted'],
  ])('capacity %i with %i seats taken: %s', (capacity, taken, expected) => {
    expect(admissionOf(capacity, taken)).toBe(expected);
  });
});

describe(checkScore.name, () => {
  it.each([0, 59, 60, 100])('accepts %i', (score) => expect(checkScore(score)).toBe(score));
  it.each([-1, 101, 60.5, Number.NaN])('refuses %d naming score', (score) => {
    expect(() => checkScore(score)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'score' }));
  });
});

describe(certificateNumber.name, () => {
  it('pads the serial to six digits under the year', () => {
    expect(certificateNumber(2026, 42)).toBe('VLY-2026-000042');
    expect(certificateNumber(2027, 1_234_567)).toBe('VLY-2027-1234567');
  });
});
