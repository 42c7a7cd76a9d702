import { parkDateOf, Topics, validateCloudEvent } from '@valley/contracts';
import { createTestKafka, inOwnModuleRegistry, readTopic, waitFor } from '@valley/testing';
import type { Identity } from '@valley/platform';
import type { EnterpriseApp } from '../../../enterprise/test/support/enterprise-app';
import { ALLOCATIONS, CREATE_PLAN, CREATE_POOL, planTerms, POOLS, ProvisioningApp } from '../support/provisioning-app';

type Allocation = { id: string; enterpriseId: string; planId: string; status: string; poolId: string | null; bandwidthMbps: number; pendingReason: string | null };

/**
 * The onboarding service and the provisioning service, each on its own
 * database, joined only by Kafka: an approved enterprise gets its allocation
 * without anyone touching provisioning.
 */
describe('provisioning driven by the enterprise lifecycle', () => {
  let enterprise: EnterpriseApp;
  let provisioning: ProvisioningApp;
  let support: typeof import('../../../enterprise/test/support/enterprise-app');
  const admin: Identity = { subject: 'admin-1', role: 'park-admin' };
  const applicant = (): Identity => support.applicant();
  const step: (typeof support)['step'] = (...args) => support.step(...args);
  const submitted: (typeof support)['submitted'] = (...args) => support.submitted(...args);

  beforeAll(async () => {
    // Both services define an `Enterprise` GraphQL type: the enterprise service starts in a module registry of its own.
    enterprise = await inOwnModuleRegistry(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      support = require('../../../enterprise/test/support/enterprise-app') as typeof support;
      return support.EnterpriseApp.start();
    });
    provisioning = await ProvisioningApp.start('provisioning-test-identity-secret-0123456789');
    await provisioning.graphql(CREATE_POOL, { input: { name: 'taiyuan-dc-1', region: 'taiyuan', capacityMbps: 1000, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '8' } }, admin);
    await provisioning.graphql(CREATE_PLAN, { name: 'live-500', terms: planTerms(500) }, admin);
    await provisioning.graphql(CREATE_PLAN, { name: 'starter-100', terms: planTerms(100) }, admin);
  });

  afterAll(async () => {
    await Promise.all([enterprise?.stop(), provisioning?.stop()]);
  });

  const allocationOf = async (enterpriseId: string, status: string): Promise<Allocation> =>
    waitFor(`allocation of ${enterpriseId} to be ${status}`, async () => {
      const { data } = await provisioning.graphql<{ allocations: Allocation[] }>(ALLOCATIONS, { enterpriseId }, admin);
      return data?.allocations.find((a) => a.status === status);
    }, { timeoutMs: 60_000, intervalMs: 100 });

  const approve = async (plannedBandwidthMbps: number): Promise<string> => {
    const id = await submitted(enterprise, applicant(), { plannedBandwidthMbps, plannedMonthlyTrafficBytes: '500000000000' });
    await step(enterprise, 'takeApplicationIntoReview', id);
    await step(enterprise, 'approveEnterprise', id);
    return id;
  };

  it('activates on approval, suspends, reactivates and revokes with the lifecycle, freeing the capacity, and says so on Kafka', async () => {
    const id = await approve(80);
    const active = await allocationOf(id, 'active');
    expect(active.bandwidthMbps).toBe(100);
    const pools = async () => (await provisioning.graphql<{ pools: Array<{ allocatedMbps: number }> }>(POOLS, {}, admin)).data!.pools[0]!.allocatedMbps;
    expect(await pools()).toBe(100);

    await step(enterprise, 'suspendEnterprise', id, { reason: 'unpaid charges' });
    await allocationOf(id, 'suspended');
    await step(enterprise, 'reinstateEnterprise', id);
    await allocationOf(id, 'active');
    // Today in the park (Asia/Shanghai): a UTC date is yesterday there for 8 hours a day, before the admission.
    const exit = await step(enterprise, 'exitEnterprise', id, { reason: 'moved away', exitDate: parkDateOf(new Date()) });
    expect(exit.errors).toBeUndefined();
    await allocationOf(id, 'revoked');
    expect(await pools()).toBe(0);

    const messages = await readTopic(createTestKafka(), Topics.FlowAllocations, (ms) => ms.filter((m) => m.key?.toString() === id).length >= 4);
    const types = messages.filter((m) => m.key?.toString() === id).map((m) => {
      const event = validateCloudEvent(JSON.parse(m.value!.toString()));
      if (!event.ok) throw new Error(event.reason);
      expect(event.value.subject).toBe(active.id);
      return event.value.type;
    });
    expect(types).toEqual(['valley.flow.allocation-activated.v1', 'valley.flow.allocation-suspended.v1', 'valley.flow.allocation-activated.v1', 'valley.flow.allocation-revoked.v1']);
  });

  it('leaves an allocation pending with the reason when no pool has room, until an administrator places it', async () => {
    const big = [await approve(500), await approve(500), await approve(500)];
    const placed = await Promise.all(big.map((id) => waitFor(`allocation of ${id}`, async () => (await provisioning.graphql<{ allocations: Allocation[] }>(ALLOCATIONS, { enterpriseId: id }, admin)).data?.allocations[0], { timeoutMs: 60_000 })));
    expect(placed.map((a) => a.status).sort()).toEqual(['active', 'active', 'pending']);
    const pending = placed.find((a) => a.status === 'pending')!;
    expect(pending.pendingReason).toBe('no pool has 500 Mbps free for plan live-500');

    const refused = await provisioning.graphql('mutation P($id: ID!) { placePendingAllocation(allocationId: $id) { status } }', { id: pending.id }, admin);
    expect(refused.errors?.[0]?.extensions['code']).toBe('CAPACITY_EXCEEDED');
    await provisioning.graphql(CREATE_POOL, { input: { name: 'datong-dc-2', region: 'datong', capacityMbps: 2000, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '8' } }, admin);
    const ok = await provisioning.graphql<{ placePendingAllocation: { status: string } }>('mutation P($id: ID!) { placePendingAllocation(allocationId: $id) { status } }', { id: pending.id }, admin);
    expect(ok.data?.placePendingAllocation.status).toBe('active');
  });

  it('upgrades and downgrades within the pool\'s capacity, announcing the change', async () => {
    const id = await approve(90);
    const active = await allocationOf(id, 'active');
    const plans = (await provisioning.graphql<{ plans: Array<{ id: string; name: string }> }>('query { plans { id name } }', {}, admin)).data!.plans;
    const huge = (await provisioning.graphql<{ createPlan: { id: string } }>(CREATE_PLAN, { name: `huge-${id.slice(0, 8)}`, terms: planTerms(5000) }, admin)).data!.createPlan.id;
    const change = 'mutation C($a: ID!, $p: ID!) { changeAllocationPlan(allocationId: $a, planId: $p) { bandwidthMbps planId } }';
    const refused = await provisioning.graphql(change, { a: active.id, p: huge }, admin);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CAPACITY_EXCEEDED', requestedMbps: 5000 });
    const live500 = plans.find((p) => p.name === 'live-500')!.id;
    const upgraded = await provisioning.graphql<{ changeAllocationPlan: { bandwidthMbps: number } }>(change, { a: active.id, p: live500 }, admin);
    expect(upgraded.errors).toBeUndefined();
    expect(upgraded.data?.changeAllocationPlan.bandwidthMbps).toBe(500);
    const messages = await readTopic(createTestKafka(), Topics.FlowAllocations, (ms) => ms.some((m) => m.key?.toString() === id && m.value?.toString().includes('allocation-changed')));
    const changed = messages.map((m) => JSON.parse(m.value!.toString())).find((e) => e.type === 'valley.flow.allocation-changed.v1' && e.data.enterpriseId === id);
    expect(changed.data).toMatchObject({ bandwidthMbps: 500, planId: live500, previousPlanId: active.planId });
  });

  it('shows an enterprise user only its own allocation, and pools to administrators only', async () => {
    const mine = await approve(50);
    const other = await approve(50);
    await Promise.all([allocationOf(mine, 'active'), allocationOf(other, 'active')]);
    const me = { subject: 'someone', role: 'enterprise' as const, enterpriseId: mine };
    const own = await provisioning.graphql<{ allocations: Allocation[] }>(ALLOCATIONS, {}, me);
    expect(own.data?.allocations.map((a) => a.enterpriseId)).toEqual([mine]);
    const theirs = await provisioning.graphql<{ allocations: Allocation[] }>(ALLOCATIONS, { enterpriseId: other }, me);
    expect(theirs.data?.allocations).toEqual([]);
    expect((await provisioning.graphql(POOLS, {}, me)).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    expect((await provisioning.graphql(CREATE_PLAN, { name: 'mine', terms: planTerms(10) }, me)).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
  });
});
