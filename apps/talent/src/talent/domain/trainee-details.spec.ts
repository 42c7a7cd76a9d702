import { randomUUID } from 'node:crypto';
import { checkTraineeContact, traineeIdOfRef, traineeRefOf, type TraineeContactInput } from './trainee-details';

const input = (overrides: Partial<TraineeContactInput> = {}): TraineeContactInput => ({ name: ' 李小龙 ', phone: '139 1234-5678', email: 'li@example.cn', education: 'bachelor', ...overrides });

describe(checkTraineeContact.name, () => {
  it('trims the name and keeps the phone number as digits', () => {
    expect(checkTraineeContact(input())).toEqual({ name: '李小龙', phone: '13912345678', email: 'li@example.cn', education: 'bachelor' });
  });

  it('accepts +86 mobiles, landlines and no email', () => {
    expect(checkTraineeContact(input({ phone: '+8613912345678', email: null }))).toMatchObject({ phone: '+8613912345678', email: null });
    expect(checkTraineeContact(input({ phone: '0351-7654321', email: '' }))).toMatchObject({ phone: '03517654321', email: null });
  });

  it.each<[string, Partial<TraineeContactInput>, string]>([
    ['no name', { name: '' }, 'name'],
    ['a control character in the name', { name: '李\u0000小龙' }, 'name'],
    ['a control character in the email', { email: 'li\u0000@example.cn' }, 'email'],
    ['a 10-digit mobile', { phone: '1391234567' }, 'phone'],
    ['letters in the phone', { phone: '1391234567a' }, 'phone'],
    ['a bad email', { email: 'li-at-example' }, 'email'],
    ['an unknown education', { education: 'kindergarten' }, 'education'],
  ])('refuses %s, naming the field and not repeating the value', (_case, overrides, field) => {
    let error: unknown;
    try {
      checkTraineeContact(input(overrides));
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const value = String(Object.values(overrides)[0]);
    if (value.length > 0) expect((error as Error).message).not.toContain(value);
  });
});

describe(traineeRefOf.name, () => {
  it('is trn_ and the 32 hex digits of the random record id, and goes back to it', () => {
    const id = randomUUID();
    const ref = traineeRefOf(id);
    expect(ref).toMatch(/^trn_[0-9a-f]{32}$/);
    expect(traineeIdOfRef(ref)).toBe(id);
  });

  it('does not take anything else for a ref', () => {
    expect(traineeIdOfRef('trn_xyz')).toBeUndefined();
    expect(traineeIdOfRef(randomUUID())).toBeUndefined();
  });
});
