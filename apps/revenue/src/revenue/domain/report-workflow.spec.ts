import { canAmend, nextReportStatus, type ReportAction, type ReportStatus } from './report-workflow';
import { RevenueError } from './revenue.error';

const STATUSES: ReportStatus[] = ['draft', 'submitted', 'accepted', 'returned'];
const ACTIONS: ReportAction[] = ['submit', 'accept', 'return', 'resubmit'];
const TARGET: Record<ReportAction, ReportStatus> = { submit: 'submitted', accept: 'accepted', return: 'returned', resubmit: 'submitted' };

const VALID: Array<[ReportStatus, ReportAction, ReportStatus]> = [
  ['draft', 'submit', 'submitted'],
  ['submitted', 'accept', 'accepted'],
  ['submitted', 'return', 'returned'],
  ['returned', 'resubmit', 'submitted'],
];

describe(nextReportStatus.name, () => {
  it.each(VALID)('%s --%s--> %s', (from, action, to) => {
    expect(nextReportStatus(from, action)).toBe(to);
  });

  const invalid = STATUSES.flatMap((from) =>
    ACTIONS.filter((action) => !VALID.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const),
  );

  it('refuses in particular accepting a draft, resubmitting a draft, and anything on an accepted report', () => {
    expect(invalid).toEqual(expect.arrayContaining([['draft', 'accept'], ['draft', 'resubmit'], ['returned', 'accept'], ...ACTIONS.map((action) => ['accepted', action])]));
  });

  it(`refuses every other step (${invalid.length} of them) with INVALID_TRANSITION naming from and to`, () => {
    expect(invalid.length).toBe(STATUSES.length * ACTIONS.length - VALID.length);
    for (const [from, action] of invalid) {
      let error: unknown;
      try {
        nextReportStatus(from, action);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(RevenueError);
      expect(error).toMatchObject({ code: 'INVALID_TRANSITION', details: { from, to: TARGET[action], action } });
      expect((error as Error).message).toContain(`${from} → ${TARGET[action]}`);
    }
  });
});

describe(canAmend.name, () => {
  it.each<[ReportStatus, boolean]>([
    ['draft', false],
    ['submitted', false],
    ['accepted', true],
    ['returned', false],
  ])('a %s report can be amended: %s', (status, expected) => {
    expect(canAmend(status)).toBe(expected);
  });
});
