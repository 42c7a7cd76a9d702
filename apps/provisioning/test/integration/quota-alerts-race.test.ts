import { randomUUID } from 'node:crypto';
import { OutboxWriter } from '@valley/messaging';
import { createTestDatabase, type TestDatabase } from '@valley/testing';
import { ChargeService } from '../../src/provisioning/application/charges/charge.service';
import { UsageIngestService } from '../../src/provisioning/application/usage/usage-ingest.service';
import { provisioningMigrations } from '../../src/provisioning/infrastructure/persistence/migrations';

/** Concurrent chunks for one allocation on the real database: each threshold fires exactly once. */
describe(UsageIngestService.name, () => {
  let db: TestDatabase;
  const outbox = new OutboxWriter();
  const sut = new UsageIngestService(outbox, new ChargeService(outbox));

  beforeEach(async () => {
    db = await createTestDatabase('quota', provisioningMigrations);
  });

  afterEach(async () => {
    await db.drop();
  });

  it('raises 80 and 100 percent once each when 40 chunks race for one allocation, and counts every byte', async () => {
    const enterpriseId = randomUUID();
    const planId = randomUUID();
    const q = (sql: string, params: unknown[]) => db.dataSource.query(sql, params);
    await q(`INSERT INTO plans (id, name, current_version) VALUES ($1, 'p', 1)`, [planId]);
    await q(`INSERT INTO plan_versions (plan_id, version, bandwidth_mbps, monthly_included_bytes, park_price_fen_per_gb, market_price_fen_per_gb, overage_policy) VALUES ($1, 1, 10, 1000, 1, 2, 'throttle')`, [planId]);
    await q(`INSERT INTO known_enterprises (id, name, industry, status, planned_bandwidth_mbps, planned_monthly_traffic_bytes) VALUES ($1, 'e', 'esports', 'resident', 10, 1000)`, [enterpriseId]);
    await q(`INSERT INTO allocations (id, enterprise_id, plan_id, plan_version, bandwidth_mbps, monthly_included_bytes, status) VALUES ($1, $2, $3, 1, 10, 1000, 'active')`, [randomUUID(), enterpriseId, planId]);
    const chunk = (i: number) => [0, 1].map((j) => ({
      messageId: `c:${i}-${j}`,
      record: { recordId: `${i}-${j}`, carrierId: 'c', enterpriseId, windowStart: '2026-10-10T00:00:00Z', windowEnd: '2026-10-10T00:01:00Z', bytesIn: 20, bytesOut: '10' },
    }));
    await Promise.all(Array.from({ length: 40 }, (_, i) => db.dataSource.transaction((m) => sut.apply(m, chunk(i)))));

    const used = await q('SELECT used_bytes FROM usage_monthly', []);
    expect(used).toEqual([{ used_bytes: '2400' }]);
    const alerts = await q(`SELECT payload->'data'->>'thresholdPercent' AS t FROM messaging_outbox WHERE event_type = 'valley.flow.quota-threshold-reached.v1' ORDER BY 1`, []);
    expect(alerts).toEqual([{ t: '100' }, { t: '80' }]);
  });
});
