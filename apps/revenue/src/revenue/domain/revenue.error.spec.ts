import { UserError } from '@valley/platform';
import { RevenueError, RevenueErrorCode } from './revenue.error';

describe(RevenueError.name, () => {
  it.each<[RevenueErrorCode, string]>([
    [RevenueErrorCode.InvalidInput, 'BAD_USER_INPUT'],
    [RevenueErrorCode.InvalidTransition, 'INVALID_TRANSITION'],
    [RevenueErrorCode.NotFound, 'NOT_FOUND'],
    [RevenueErrorCode.Forbidden, 'FORBIDDEN'],
    [RevenueErrorCode.Conflict, 'CONFLICT'],
    [RevenueErrorCode.NotResident, 'NOT_RESIDENT'],
    [RevenueErrorCode.FutureMonth, 'FUTURE_MONTH'],
    [RevenueErrorCode.BeforeAdmission, 'BEFORE_ADMISSION'],
  ])('carries the wire code %s as %s', (code, wire) => {
    const error = new RevenueError(code, 'message', 'month', { month: '2024-01' });
    expect(error).toBeInstanceOf(UserError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'RevenueError', code: wire, message: 'message', field: 'month', details: { month: '2024-01' } });
  });

  it('has exactly these codes: they are the API contract', () => {
    expect(Object.values(RevenueErrorCode).sort()).toEqual(
      ['BAD_USER_INPUT', 'BEFORE_ADMISSION', 'CONFLICT', 'FORBIDDEN', 'FUTURE_MONTH', 'INVALID_TRANSITION', 'NOT_FOUND', 'NOT_RESIDENT'],
    );
  });

  it('defaults to no field and empty details', () => {
    const error = new RevenueError(RevenueErrorCode.Conflict, 'taken');
    expect(error.field).toBeUndefined();
    expect(error.details).toEqual({});
  });
});
