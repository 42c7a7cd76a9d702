import { acceptsCompletions, acceptsEnrollments, canEditDetails, nextProgramStatus, PROGRAM_STATUSES, type ProgramAction, type ProgramStatus } from './program-workflow';
import { TalentError } from './talent.error';

const ACTIONS: ProgramAction[] = ['publish', 'start', 'finish', 'cancel'];
const TARGET: Record<ProgramAction, ProgramStatus> = { publish: 'published', start: 'running', finish: 'finished', cancel: 'cancelled' };

const VALID: Array<[ProgramStatus, ProgramAction, ProgramStatus]> = [
  ['draft', 'publish', 'published'],
  ['published', 'start', 'running'],
  ['running', 'finish', 'finished'],
  ['draft', 'cancel', 'cancelled'],
  ['published', 'cancel', 'cancelled'],
  ['running', 'cancel', 'cancelled'],
];

describe(nextProgramStatus.name, () => {
  it.each(VALID)('%s --%s--> %s', (from, action, to) => {
    expect(nextProgramStatus(from, action)).toBe(to);
  });

  const invalid = PROGRAM_STATUSES.flatMap((from) => ACTIONS.filter((action) => !VALID.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const));

  it('refuses in particular starting a draft, publishing twice, reopening a finished or cancelled program', () => {
    expect(invalid).toEqual(expect.arrayContaining([['draft', 'start'], ['published', 'publish'], ['finished', 'cancel'], ...ACTIONS.map((a) => ['finished', a]), ...ACTIONS.map((a) => ['cancelled', a])]));
  });

  it(`refuses every other step (${PROGRAM_STATUSES.length * ACTIONS.length - VALID.length} of them) with INVALID_TRANSITION naming from and to`, () => {
    expect(invalid).toHaveLength(PROGRAM_STATUSES.length * ACTIONS.length - VALID.length);
    for (const [from, action] of invalid) {
      let error: unknown;
      try {
        nextProgramStatus(from, action);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(TalentError);
      expect(error).toMatchObject({ code: 'INVALID_TRANSITION', field: 'programId', details: { from, to: TARGET[action], action } });
      expect((error as Error).message).toContain(`${from} → ${TARGET[action]}`);
    }
  });
});

describe('what each program status allows', () => {
  it.each<[ProgramStatus, boolean, boolean, boolean]>([
    ['draft', true, false, false],
    ['published', false, true, false],
    ['running', false, true, true],
    ['finished', false, false, true],
    ['cancelled', false, false, false],
  ])('%s: edit %s, enroll %s, complete %s', (status, edit, enroll, complete) => {
    expect([canEditDetails(status), acceptsEnrollments(status), acceptsCompletions(status)]).toEqual([edit, enroll, complete]);
  });
});
