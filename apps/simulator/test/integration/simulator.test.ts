import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { kafkaSaslEnv } from '@valley/messaging';
import { testKafkaBrokers, testKafkaSasl, waitFor } from '@valley/testing';
import { JWT_SECRET, Park } from '../../../gateway/test/support/park';
import { simulate, type SimulatorOptions } from '../../src/simulator';

/**
 * A short simulation through the real platform (the four services and the gateway on the
 * real broker and database), killed half-way and resumed from its journal: every reconciled
 * figure must still equal the simulator's own truth, to the fen and the byte — nothing the
 * killed run sent is lost or counted twice.
 */
describe('the valley simulator', () => {
  let park: Park;
  let journalDir: string;

  beforeAll(async () => {
    park = await Park.start();
    await park.startGateway();
    journalDir = mkdtempSync(path.join(tmpdir(), 'valley-sim-'));
  });

  afterAll(async () => {
    await park?.stop();
    rmSync(journalDir, { recursive: true, force: true });
  });

  const options = (): SimulatorOptions => ({
    enterprises: 6,
    months: 3,
    seed: 'test-7',
    speed: 4,
    gatewayUrl: park.gateway!.url,
    jwtSecret: JWT_SECRET,
    brokers: testKafkaBrokers(),
    sasl: testKafkaSasl(),
    journalDir,
    liveShare: 0.34,
    recordsPerMonth: 3,
    reconcileTimeoutMs: 60_000,
  });

  const journalLines = (): number => {
    if (!existsSync(journalDir)) return 0;
    return readdirSync(journalDir).filter((f) => f.endsWith('.jsonl')).reduce((n, f) => n + readFileSync(path.join(journalDir, f), 'utf8').split('\n').filter((l) => l.trim()).length, 0);
  };

  it('is killed half-way, resumes from its journal, and the gateway shows exactly what it sent', async () => {
    // The CLI in a child process, as a user runs it, killed without warning once it is well under way.
    const o = options();
    const cli = path.resolve(__dirname, '../../cli/simulate.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--enterprises', String(o.enterprises), '--months', String(o.months), '--seed', o.seed, '--speed', String(o.speed), '--gateway', o.gatewayUrl, '--brokers', o.brokers.join(','), '--live-share', String(o.liveShare), '--records', String(o.recordsPerMonth), '--journal-dir', journalDir], {
      env: { ...process.env, GATEWAY_JWT_SECRET: JWT_SECRET, ...kafkaSaslEnv(o.sasl) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor('the simulator to journal a dozen steps', () => journalLines() >= 12 || child.exitCode !== null, { timeoutMs: 120_000, intervalMs: 20 });
    expect([child.exitCode, output.slice(-2000)]).toEqual([null, expect.any(String)]);
    child.kill('SIGKILL');
    await exited;
    const stepsBefore = journalLines();

    const lines: string[] = [];
    const sut = await simulate({ ...o, out: { write: (s: string) => void lines.push(s), isTTY: false } as unknown as NodeJS.WriteStream });
    const mismatches = sut.rows.filter((r) => !r.ok);
    if (mismatches.length > 0 || process.env['SIMULATOR_TEST_TABLE']) process.stderr.write(`${sut.table}\n`);
    // Every step the killed run journaled is skipped (a line cut short by the kill is not a step).
    const resumed = Number(/resuming \((\d+) steps done\)/.exec(lines.join(''))?.[1] ?? 0);
    expect(resumed).toBeGreaterThanOrEqual(Math.max(stepsBefore - 1, 12));
    expect(journalLines()).toBeGreaterThan(stepsBefore);
    expect(mismatches).toEqual([]);
    expect(sut.truth.inputFen).toBeGreaterThan(0n);
    expect(sut.truth.revenueFen).toBeGreaterThan(sut.truth.inputFen);
    expect(sut.rows.find((r) => r.figure === 'multiplier (park)')?.gateway).toMatch(/^\d+\.\d\d$/);
  }, 300_000);
});
