import { maskNationalId, nationalIdCheckCharacter, parseNationalId, type NationalIdProblem } from './national-id';

const TODAY = '2026-03-15';

describe(parseNationalId.name, () => {
  // Check characters worked out by hand from the GB 11643-1999 weights; the first is the standard's own example.
  it.each([
    ['11010519491231002X', '11010519491231002X'],
    ['11010519491231002x', '11010519491231002X'],
    ['  14010519900308123X ', '14010519900308123X'],
    ['140101199001011232', '140101199001011232'],
    ['140105200002291230', '140105200002291230'],
    ['440306198503125431', '440306198503125431'],
  ])('accepts %j as %s', (input, normalised) => {
    expect(parseNationalId(input, TODAY)).toEqual({ ok: true, value: normalised });
  });

  it.each<[string, string, NationalIdProblem]>([
    ['a wrong check digit', '140101199001011233', 'CHECK_CHARACTER'],
    ['X where a digit is due', '14010119900101123X', 'CHECK_CHARACTER'],
    ['a digit where X is due', '110105194912310021', 'CHECK_CHARACTER'],
    ['two digits swapped', '110105194912130024', 'CHECK_CHARACTER'],
    ['17 characters', '11010519491231002', 'LENGTH'],
    ['19 characters', '11010519491231002XX', 'LENGTH'],
    ['the old 15-digit form', '110105491231002', 'LENGTH'],
    ['nothing', '', 'LENGTH'],
    ['a letter inside', '1101051949123100AX', 'CHARACTER'],
    ['X not at the end', '11010519491231X021', 'CHARACTER'],
    ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ', 'CHARACTER'],
    ['a hyphen', '110105-9491231002X', 'CHARACTER'],
    ['an unknown province', '990105194912310020', 'AREA_CODE'],
    ['area code 00', '000105194912310020', 'AREA_CODE'],
    ['month 13', '110105194913310020', 'BIRTH_DATE'],
    ['day 32', '110105194912320020', 'BIRTH_DATE'],
    ['29 February of a common year', '110105190102290020', 'BIRTH_DATE'],
    ['a birth date after today', '110105202603160020', 'BIRTH_DATE'],
    ['a birth date before 1900', '110105189912310020', 'BIRTH_DATE'],
  ])('refuses %s (%s) with %s', (_case, input, problem) => {
    expect(parseNationalId(input, TODAY)).toMatchObject({ ok: false, problem });
  });

  it('accepts a birth date of today and leap days of leap years', () => {
    const first17 = '11010520260315002';
    expect(parseNationalId(first17 + nationalIdCheckCharacter(first17), TODAY)).toMatchObject({ ok: true });
    const leap = '11010520000229002';
    expect(parseNationalId(leap + nationalIdCheckCharacter(leap), TODAY)).toMatchObject({ ok: true });
  });

  it('never repeats any part of the number in its message', () => {
    for (const input of ['140101199001011233', '1401011990010112', '99010119900101123X', '140101199013011231', '14010119900101A23X']) {
      const result = parseNationalId(input, TODAY);
      expect(result.ok).toBe(false);
      const message = (result as { message: string }).message;
      expect(message).not.toContain(input);
      expect(message).not.toContain(input.slice(0, 6));
      expect(message).not.toContain(input.slice(6, 14));
    }
  });
});

describe(nationalIdCheckCharacter.name, () => {
  it.each([
    ['11010519491231002', 'X'],
    ['14010119900101123', '2'],
    ['14010520000229123', '0'],
    ['44030619850312543', '1'],
  ])('of %s is %s', (first17, check) => {
    expect(nationalIdCheckCharacter(first17)).toBe(check);
  });
});

describe(maskNationalId.name, () => {
  it('keeps the first and last four characters', () => {
    expect(maskNationalId('14010519900308123X')).toBe('1401**********123X');
    expect(maskNationalId('440306198503125431')).toBe('4403**********5431');
  });

  it('hides the birth date and the area beyond the province', () => {
    const masked = maskNationalId('14010519900308123X');
    expect(masked).toHaveLength(18);
    expect(masked).not.toContain('19900308');
    expect(masked).not.toContain('140105');
  });
});
