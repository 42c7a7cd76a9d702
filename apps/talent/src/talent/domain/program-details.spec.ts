import { parseLocalDate } from './local-date';
import { checkProgramDetails, type ProgramDetailsInput } from './program-details';

const TRACKS = ['ai-large-model-applications', 'esports'];
const SPONSOR = '7d8f5a3e-2b1c-4e5f-9a8b-1c2d3e4f5a6b';
const input = (overrides: Partial<ProgramDetailsInput> = {}): ProgramDetailsInput => ({
  name: ' 大模型应用工程师 ', track: 'ai-large-model-applications', description: 'prompting, RAG, fine-tuning', capacity: 30, startsOn: '2026-09-01', endsOn: '2026-12-20', sponsorEnterpriseIds: [SPONSOR, SPONSOR.toUpperCase()], ...overrides,
});

describe(checkProgramDetails.name, () => {
  it('trims the name and de-duplicates sponsors', () => {
    expect(checkProgramDetails(input(), TRACKS)).toEqual({ name: '大模型应用工程师', track: 'ai-large-model-applications', description: 'prompting, RAG, fine-tuning', capacity: 30, startsOn: '2026-09-01', endsOn: '2026-12-20', sponsorEnterpriseIds: [SPONSOR] });
  });

  it('accepts a one-day program, no description and no sponsors', () => {
    expect(checkProgramDetails(input({ startsOn: '2026-09-01', endsOn: '2026-09-01', description: null, sponsorEnterpriseIds: null }), TRACKS)).toMatchObject({ description: '', sponsorEnterpriseIds: [] });
  });

  it.each<[string, Partial<ProgramDetailsInput>, string]>([
    ['an empty name', { name: '  ' }, 'name'],
    ['an unknown track', { track: 'knitting' }, 'track'],
    ['no seats', { capacity: 0 }, 'capacity'],
    ['half a seat', { capacity: 2.5 }, 'capacity'],
    ['too many seats', { capacity: 10_001 }, 'capacity'],
    ['an impossible start', { startsOn: '2026-02-30' }, 'startsOn'],
    ['a start not in YYYY-MM-DD', { startsOn: '2026/09/01' }, 'startsOn'],
    ['an end before the start', { endsOn: '2026-08-31' }, 'endsOn'],
    ['a malformed sponsor', { sponsorEnterpriseIds: ['acme'] }, 'sponsorEnterpriseIds'],
    ['a description of a novel', { description: 'x'.repeat(5001) }, 'description'],
  ])('refuses %s, naming the field', (_case, overrides, field) => {
    expect(() => checkProgramDetails(input(overrides), TRACKS)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
  });
});

describe(parseLocalDate.name, () => {
  it.each(['2024-02-29', '2026-12-31', ' 2026-01-01 '])('accepts %j', (value) => expect(parseLocalDate('d', value)).toBe(value.trim()));
  it.each(['2023-02-29', '2026-13-01', '2026-1-1', '20260101', '', '1899-12-31'])('refuses %j', (value) => {
    expect(() => parseLocalDate('startDate', value)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'startDate' }));
  });
});
