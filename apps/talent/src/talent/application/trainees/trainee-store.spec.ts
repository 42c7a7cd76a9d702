import { QueryFailedError } from 'typeorm';
import { withoutPersonalData } from './trainee-store';

describe(withoutPersonalData.name, () => {
  const name = '王小明';
  const phone = '13912345678';

  it('keeps the SQLSTATE of a database error and drops the statement and its parameters', () => {
    const driverError = Object.assign(new Error(`invalid byte sequence near "${name}"`), { code: '22021', detail: `Key (phone)=(${phone})` });
    const failed = new QueryFailedError('INSERT INTO trainees VALUES ($1, $2)', [name, phone], driverError);
    const sut = withoutPersonalData(failed, 'registering a trainee');
    expect(sut.message).toBe('registering a trainee failed in the database (SQLSTATE 22021)');
    const everything = JSON.stringify({ ...sut, message: sut.message, stack: sut.stack });
    expect(everything).not.toContain(name);
    expect(everything).not.toContain(phone);
    expect(sut).not.toHaveProperty('parameters');
  });

  it('keeps only the kind of any other error', () => {
    expect(withoutPersonalData(new TypeError(`bad ${phone}`), 'registering a trainee').message).toBe('registering a trainee failed: TypeError');
    expect(withoutPersonalData(phone, 'registering a trainee').message).toBe('registering a trainee failed');
  });
});
