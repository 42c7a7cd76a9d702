import { randomUUID } from 'node:crypto';
import { OutboxWriter } from '@valley/messaging';
import { createTestDatabase, type TestDatabase } from '@valley/testing';
import { AllocationService } from '../../src/provisioning/application/allocations/allocation.service';
import { provisioningMigrations } from '../../src/provisioning/infrastructure/persistence/migrations';
import { KnownEnterpriseEntity, PlanEntity, PlanVersionEntity, PoolEntity } from '../../src/provisioning/infrastructure/persistence/provisioning.entities';
import { provisioningEntities } from '../../src/provisioning/infrastructure/persistence/provisioning.entities';

/** Many enterprises approved at once against one pool: never over capacity, on the real database. */
describe(AllocationService.name, () => {
  let db: TestDatabase;
  const sut = new AllocationService(new OutboxWriter());

  beforeEach(async () => {
    db = await createTestDatabase('capacity', provisioningMigrations);
    // Entities for the repository API on the migrated schema.
    await db.dataSource.destroy();
    db.dataSource.setOptions({ entities: provisioningEntities, migrationsRun: false, extra: { max: 30 } });
    await db.dataSource.initialize();
  });

  afterEach(async () => {
    await db.drop();
  });

  it('activates exactly as many allocations as the pool holds under 30 concurrent approvals; the rest wait as pending with the reason', async () => {
    const now = new Date();
    await db.dataSource.getRepository(PoolEntity).insert({ id: randomUUID(), name: 'taiyuan-backbone-1', region: 'taiyuan', capacityMbps: 1000, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '10', createdAt: now });
    const planId = randomUUID();
    await db.dataSource.getRepository(PlanEntity).insert({ id: planId, name: 'starter-100', currentVersion: 1, createdAt: now });
    await db.dataSource.getRepository(PlanVersionEntity).insert({ planId, version: 1, bandwidthMbps: 100, monthlyIncludedBytes: '1000000000000', parkPriceFenPerGb: '30', marketPriceFenPerGb: '120', overagePolicy: 'bill', active: true, createdAt: now });
    const enterprises = Array.from({ length: 30 }, (_, i) =>
      Object.assign(new KnownEnterpriseEntity(), { id: randomUUID(), name: `企业${i}`, industry: 'esports', status: 'resident', plannedBandwidthMbps: 80, plannedMonthlyTrafficBytes: '1000', admittedMonth: '2026-11', updatedAt: now }),
    );
    await db.dataSource.getRepository(KnownEnterpriseEntity).insert(enterprises);

    await Promise.all(enterprises.map((e) => db.dataSource.transaction((m) => sut.activateFor(m, e))));

    const rows: Array<{ status: string; n: number; mbps: number }> = await db.dataSource.query(`SELECT status, count(*)::int AS n, sum(bandwidth_mbps)::int AS mbps FROM allocations GROUP BY status ORDER BY status`);
    expect(rows).toEqual([
      { status: 'active', n: 10, mbps: 1000 },
      { status: 'pending', n: 20, mbps: 2000 },
    ]);
    const reasons = await db.dataSource.query(`SELECT DISTINCT pending_reason FROM allocations WHERE status = 'pending'`);
    expect(reasons).toEqual([{ pending_reason: 'no pool has 100 Mbps free for plan starter-100' }]);
    const events = await db.dataSource.query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE event_type = 'valley.flow.allocation-activated.v1'`);
    expect(events[0].n).toBe(10);
  });

  it('activates once per enterprise however often approval is applied', async () => {
    const now = new Date();
    await db.dataSource.getRepository(PoolEntity).insert({ id: randomUUID(), name: 'pool', region: 'r', capacityMbps: 1000, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '10', createdAt: now });
    const planId = randomUUID();
    await db.dataSource.getRepository(PlanEntity).insert({ id: planId, name: 'p', currentVersion: 1, createdAt: now });
    await db.dataSource.getRepository(PlanVersionEntity).insert({ planId, version: 1, bandwidthMbps: 100, monthlyIncludedBytes: '1', parkPriceFenPerGb: '1', marketPriceFenPerGb: '2', overagePolicy: 'block', active: true, createdAt: now });
    const enterprise = Object.assign(new KnownEnterpriseEntity(), { id: randomUUID(), name: 'x', industry: 'coal', status: 'resident', plannedBandwidthMbps: 10, plannedMonthlyTrafficBytes: '1', admittedMonth: null, updatedAt: now });
    await db.dataSource.getRepository(KnownEnterpriseEntity).insert(enterprise);
    await Promise.allSettled(Array.from({ length: 5 }, () => db.dataSource.transaction((m) => sut.activateFor(m, enterprise))));
    const rows = await db.dataSource.query('SELECT count(*)::int AS n FROM allocations');
    expect(rows[0].n).toBe(1);
  });
});
