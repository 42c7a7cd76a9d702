import { testKafkaBrokers, testKafkaSasl } from '@valley/testing';
import { JWT_SECRET, Park } from '../../../gateway/test/support/park';
import { simulate } from '../../src/simulator';

/**
 * A short simulation through the real platform (the four services and the gateway on the
 * real broker and database): every reconciled figure must equal the simulator's own truth,
 * to the fen and the byte.
 */
describe('the valley simulator', () => {
  let park: Park;

  beforeAll(async () => {
    park = await Park.start();
    await park.startGateway();
  });

  afterAll(async () => {
    await park?.stop();
  });

  it('lives through a few months and the gateway shows exactly what it sent', async () => {
    const sut = await simulate({
      enterprises: 6,
      months: 3,
      seed: 'test-7',
      speed: 4,
      gatewayUrl: park.gateway!.url,
      jwtSecret: JWT_SECRET,
      brokers: testKafkaBrokers(),
      sasl: testKafkaSasl(),
      liveShare: 0.34,
      recordsPerMonth: 3,
      reconcileTimeoutMs: 60_000,
    });
    const mismatches = sut.rows.filter((r) => !r.ok);
    if (mismatches.length > 0 || process.env["SIMULATOR_TEST_TABLE"]) process.stderr.write(`${sut.table}\n`);
    expect(mismatches).toEqual([]);
    expect(sut.truth.inputFen).toBeGreaterThan(0n);
    expect(sut.truth.revenueFen).toBeGreaterThan(sut.truth.inputFen);
    expect(sut.rows.find((r) => r.figure === 'multiplier (park)')?.gateway).toMatch(/^\d+\.\d\d$/);
  }, 240_000);
});
