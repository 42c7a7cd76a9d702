import { checkCharacter, parseUscc } from './uscc';

describe(parseUscc.name, () => {
  // Check characters computed independently by hand from the GB 32100-2015 weights.
  it.each([
    ['91350100M000100Y43', '91350100M000100Y43'],
    ['  91350100m000100y43 ', '91350100M000100Y43'],
  ])('accepts %j as %s', (input, normalised) => {
    expect(parseUscc(input)).toEqual({ ok: true, value: normalised });
  });

  it.each([
    ['91350100M000100Y4', 'LENGTH'],
    ['91350100M000100Y433', 'LENGTH'],
    ['91350100M000100Y44', 'CHECK_CHARACTER'],
    ['91350100I000100Y43', 'CHARACTER'],
    ['91350100O000100Y43', 'CHARACTER'],
    ['91350100Z000100Y43', 'CHARACTER'],
    ['91350100S000100Y43', 'CHARACTER'],
    ['91350100V000100Y43', 'CHARACTER'],
    ['9135A100M000100Y43', 'DIVISION_CODE'],
  ])('refuses %s (%s)', (input, problem) => {
    expect(parseUscc(input)).toMatchObject({ ok: false, problem });
  });

  it('computes the check character over the first 17 characters', () => {
    expect(checkCharacter('91350100M000100Y4')).toBe('3');
  });
});
