import { checkReportableMonth } from './reporting-rules';
import { RevenueError } from './revenue.error';

type Enterprise = Parameters<typeof checkReportableMonth>[1];

// 2024-07-01 01:00 in Shanghai, still June in UTC: the park's current month is July.
const NOW = new Date('2024-06-30T17:00:00Z');

function refusal(month: string, enterprise: Enterprise, now = NOW): unknown {
  try {
    checkReportableMonth(month, enterprise, now);
  } catch (err) {
    return err;
  }
  return undefined;
}

const RESIDENT: Enterprise = { status: 'resident', admittedMonth: '2023-03' };

describe(checkReportableMonth.name, () => {
  it.each<[string, string, Enterprise]>([
    ['a resident, a past month', '2024-01', RESIDENT],
    ['a resident, its admitted month', '2023-03', RESIDENT],
    ['a resident, the last finished month (June, though UTC is still in June)', '2024-06', RESIDENT],
    ['a suspended resident, a month since admission', '2024-05', { status: 'suspended', admittedMonth: '2023-03' }],
    ['an exited enterprise, a month before its exit', '2024-01', { status: 'exited', admittedMonth: '2023-03', exitMonth: '2024-04' }],
    ['an exited enterprise, its exit month', '2024-04', { status: 'exited', admittedMonth: '2023-03', exitMonth: '2024-04' }],
    ['a resident whose admission is unknown', '2001-01', { status: 'resident' }],
    ['a resident carrying a stale exit month (ignored unless exited)', '2024-06', { status: 'resident', admittedMonth: '2023-03', exitMonth: '2023-12' }],
  ])('allows %s', (_case, month, enterprise) => {
    expect(refusal(month, enterprise)).toBeUndefined();
  });

  it.each<[string, string, Enterprise, string, string, RegExp]>([
    ['an applicant', '2024-01', { status: 'applicant' }, 'NOT_RESIDENT', 'enterpriseId', /^enterpriseId: only residents report; this enterprise is an applicant/],
    ['a rejected enterprise', '2024-01', { status: 'rejected' }, 'NOT_RESIDENT', 'enterpriseId', /is rejected, not a resident/],
    ['an exited enterprise with no exit month', '2024-01', { status: 'exited', admittedMonth: '2023-03' }, 'NOT_RESIDENT', 'enterpriseId', /exit month is not known/],
    ['an exited enterprise, a month after its exit', '2024-05', { status: 'exited', admittedMonth: '2023-03', exitMonth: '2024-04' }, 'NOT_RESIDENT', 'month', /^month: 2024-05 is after the enterprise's exit in 2024-04/],
    ['the current park month', '2024-07', RESIDENT, 'FUTURE_MONTH', 'month', /^month: 2024-07 is the current month and not over yet/],
    ['a future month', '2024-08', RESIDENT, 'FUTURE_MONTH', 'month', /^month: 2024-08 is in the future \(the current month is 2024-07\)/],
    ['a future year', '2030-01', { status: 'suspended', admittedMonth: '2023-03' }, 'FUTURE_MONTH', 'month', /in the future/],
    ['a month before admission', '2023-02', RESIDENT, 'BEFORE_ADMISSION', 'month', /^month: 2023-02 is before the enterprise's admission in 2023-03$/],
    ['a suspended enterprise before admission', '2020-12', { status: 'suspended', admittedMonth: '2023-03' }, 'BEFORE_ADMISSION', 'month', /before the enterprise's admission/],
    ['an exited enterprise before admission', '2023-01', { status: 'exited', admittedMonth: '2023-03', exitMonth: '2024-04' }, 'BEFORE_ADMISSION', 'month', /before the enterprise's admission/],
    ['a month before the park\'s records begin', '1999-12', { status: 'resident' }, 'BAD_USER_INPUT', 'month', /^month: 1999-12 is before 2000-01, where the park's records begin$/],
    ['a malformed month', '2024-6', RESIDENT, 'BAD_USER_INPUT', 'month', /^month: must be a month as YYYY-MM/],
  ])('refuses %s', (_case, month, enterprise, code, field, message) => {
    const error = refusal(month, enterprise);
    expect(error).toBeInstanceOf(RevenueError);
    expect(error).toMatchObject({ code, field, message: expect.stringMatching(message) });
  });

  it('checks who before when: an applicant asking for a future month is NOT_RESIDENT', () => {
    expect(refusal('2099-01', { status: 'applicant' })).toMatchObject({ code: 'NOT_RESIDENT' });
  });

  it('uses the Shanghai month: an hour earlier it is still June there and June is refused', () => {
    expect(refusal('2024-06', RESIDENT, new Date('2024-06-30T15:59:59Z'))).toMatchObject({ code: 'FUTURE_MONTH', details: { currentMonth: '2024-06' } });
  });

  it('names the months in the details', () => {
    expect(refusal('2023-02', RESIDENT)).toMatchObject({ details: { month: '2023-02', admittedMonth: '2023-03' } });
  });
});
