import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parkMonthOf, Topics, validateCloudEvent } from '@valley/contracts';
import { createTestKafka, readTopic, testKafkaEnv } from '@valley/testing';
import { admin, applicant, EnterpriseApp, freshUscc, IDENTITY_SECRET } from '../support/enterprise-app';

const HEADER = 'uscc,name,legal_representative,contact_phone,contact_email,industry,registered_capital_fen,planned_bandwidth_mbps,planned_monthly_traffic_bytes,headcount,admitted_month';
const row = (uscc: string, overrides: Partial<Record<'name' | 'fen' | 'month' | 'industry', string>> = {}) =>
  [uscc, overrides.name ?? '"晋城新能源科技有限公司, 二期"', '赵六', '0351-7654321', 'office@example.cn', overrides.industry ?? 'new-energy', overrides.fen ?? '1000000000', '100', '1099511627776', '25', overrides.month ?? '2024-03'].join(',');

type Summary = { imported: number; alreadyPresent: number; failed: number; errors: Array<{ line: number; field: string; reason: string }> };
const IMPORT_CSV = 'mutation I($csv: String!) { importResidentsCsv(csv: $csv) { imported alreadyPresent failed errors { line field reason } } }';

describe('enterprise service: importing the register of existing residents', () => {
  let sut: EnterpriseApp;

  beforeAll(async () => {
    sut = await EnterpriseApp.start();
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('imports good rows as residents, reports bad ones by line and field, and is idempotent by USCC', async () => {
    const [a, b, c] = [freshUscc(), freshUscc(), freshUscc()];
    const csv = [
      HEADER,
      row(a),
      row('91350100M000100Y44'),
      row(b, { fen: '12.50' }),
      'too,few,fields',
      row(c, { month: '' }),
      row(a, { name: '重复的一行' }),
      row(freshUscc(), { industry: 'tourism' }),
    ].join('\n');
    const first = await sut.graphql<{ importResidentsCsv: Summary }>(IMPORT_CSV, { csv }, admin);
    expect(first.data?.importResidentsCsv).toEqual({
      imported: 2,
      alreadyPresent: 1,
      failed: 4,
      errors: [
        { line: 3, field: 'uscc', reason: expect.stringMatching(/check character/) },
        { line: 4, field: 'registeredCapitalFen', reason: expect.any(String) },
        { line: 5, field: 'row', reason: 'has 3 fields, the header has 11' },
        { line: 8, field: 'industry', reason: expect.stringMatching(/must be one of/) },
      ],
    });
    const rows = await sut.db.dataSource.query('SELECT uscc, name, status, admitted_month FROM enterprises WHERE uscc = ANY($1) ORDER BY admitted_month', [[a, c]]);
    expect(rows).toEqual([
      { uscc: a, name: '晋城新能源科技有限公司, 二期', status: 'approved', admitted_month: '2024-03' },
      { uscc: c, name: '晋城新能源科技有限公司, 二期', status: 'approved', admitted_month: parkMonthOf(new Date()) },
    ]);

    const again = await sut.graphql<{ importResidentsCsv: Summary }>(IMPORT_CSV, { csv }, admin);
    expect(again.data?.importResidentsCsv).toMatchObject({ imported: 0, alreadyPresent: 3, failed: 4 });

    // Downstream services learn of an imported resident as of any other: submitted, then approved.
    const id = (await sut.db.dataSource.query('SELECT id FROM enterprises WHERE uscc = $1', [a]))[0].id as string;
    const messages = await readTopic(createTestKafka(), Topics.EnterpriseLifecycle, (ms) => ms.filter((m) => m.key?.toString() === id).length >= 2);
    const events = messages.filter((m) => m.key?.toString() === id).map((m) => validateCloudEvent(JSON.parse(m.value!.toString())));
    expect(events.map((e) => e.ok && e.value.type)).toEqual(['valley.enterprise.application-submitted.v1', 'valley.enterprise.approved.v1']);
    expect(events[1]!.ok && events[1]!.value.data).toMatchObject({ admittedMonth: '2024-03' });
  });

  it('is for administrators only', async () => {
    const result = await sut.graphql(IMPORT_CSV, { csv: `${HEADER}\n${row(freshUscc())}` }, applicant());
    expect(result.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
  });

  it('names missing columns', async () => {
    const result = await sut.graphql<{ importResidentsCsv: Summary }>(IMPORT_CSV, { csv: 'uscc,name\nx,y' }, admin);
    expect(result.data?.importResidentsCsv.errors[0]).toMatchObject({ line: 1, field: 'header', reason: expect.stringMatching(/missing columns: legal_representative/) });
  });

  it('imports from the command line in parts, with progress, a summary and row errors', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'valley-import-'));
    const file = path.join(dir, 'register.csv');
    const usccs = Array.from({ length: 7 }, () => freshUscc());
    writeFileSync(file, `\ufeff${[HEADER, ...usccs.map((u) => row(u)), row('BAD')].join('\r\n')}\r\n`);
    const cli = path.resolve(__dirname, '../../cli/import-enterprises.ts');
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', cli, file, '--url', sut.url, '--batch', '3'], {
      env: { ...process.env, VALLEY_IDENTITY_SECRET: IDENTITY_SECRET, ...testKafkaEnv('enterprise') },
    });
    const failure = (await run.catch((err: { code: number; stdout: string; stderr: string }) => err)) as { code?: number; stdout: string; stderr: string };
    expect(failure.code).toBe(2);
    expect(failure.stdout).toContain('7 imported, 0 already present, 1 failed');
    expect(failure.stdout).toMatch(/line 9 {2}uscc: must be 18 characters/);
    expect(failure.stderr).toContain('8/8 rows');
    const count = await sut.db.dataSource.query(`SELECT count(*)::int AS n FROM enterprises WHERE uscc = ANY($1) AND status = 'approved'`, [usccs]);
    expect(count[0].n).toBe(7);
  });
});
