import { UserError } from '@valley/platform';
import { checkUuid, TalentError, TalentErrorCode } from './talent.error';

describe(TalentError.name, () => {
  it('carries its code, field and details as a UserError', () => {
    const error = new TalentError(TalentErrorCode.AlreadyEnrolled, 'message', 'traineeId', { enrollmentId: 'x' });
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ name: 'TalentError', code: 'ALREADY_ENROLLED', message: 'message', field: 'traineeId', details: { enrollmentId: 'x' } });
  });

  it('has exactly these codes: they are the API contract', () => {
    expect(Object.values(TalentErrorCode).sort()).toEqual([
      'ALREADY_ENROLLED', 'BAD_USER_INPUT', 'CONFLICT', 'DUPLICATE_TRAINEE', 'FORBIDDEN', 'INVALID_NATIONAL_ID', 'INVALID_TRANSITION', 'NOT_COMPLETED', 'NOT_FOUND', 'NOT_RESIDENT',
    ]);
  });
});

describe(checkUuid.name, () => {
  it('accepts a UUID in either case and returns it lower-cased', () => {
    expect(checkUuid('programId', '7D8F5A3E-2B1C-4E5F-9A8B-1C2D3E4F5A6B')).toBe('7d8f5a3e-2b1c-4e5f-9a8b-1c2d3e4f5a6b');
  });

  it.each(['', 'x', '7d8f5a3e-2b1c-4e5f-9a8b-1c2d3e4f5a6', '7d8f5a3e2b1c4e5f9a8b1c2d3e4f5a6b'])('refuses %j naming the field', (value) => {
    expect(() => checkUuid('programId', value)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'programId' }));
  });
});
