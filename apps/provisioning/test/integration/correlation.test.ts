import { randomUUID } from 'node:crypto';
import { Topics } from '@valley/contracts';
import { headerText, MessageHeaders } from '@valley/messaging';
import { CORRELATION_ID_HEADER, IDENTITY_HEADER, signIdentity } from '@valley/platform';
import { createTestKafka, inOwnModuleRegistry, readTopic } from '@valley/testing';
import type * as EnterpriseSupport from '../../../enterprise/test/support/enterprise-app';
import { CREATE_PLAN, CREATE_POOL, planTerms, ProvisioningApp } from '../support/provisioning-app';

/**
 * One correlation id from an administrator's approval in the enterprise
 * service, through Kafka, to the allocation provisioning activates in
 * reaction: the two services share nothing but the broker.
 */
describe('correlation id across services', () => {
  let enterprise: EnterpriseSupport.EnterpriseApp;
  let provisioning: ProvisioningApp;
  // The enterprise service in a module registry of its own: both services define an `Enterprise` GraphQL type.
  let support: typeof EnterpriseSupport;

  beforeAll(async () => {
    enterprise = await inOwnModuleRegistry(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      support = require('../../../enterprise/test/support/enterprise-app') as typeof EnterpriseSupport;
      return support.EnterpriseApp.start();
    });
    const { admin, IDENTITY_SECRET } = support;
    provisioning = await ProvisioningApp.start(IDENTITY_SECRET);
    await provisioning.graphql(CREATE_POOL, { input: { name: 'taiyuan-dc-1', region: 'taiyuan', capacityMbps: 1000, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '8' } }, admin);
    await provisioning.graphql(CREATE_PLAN, { name: 'starter-100', terms: planTerms(100) }, admin);
  });

  afterAll(async () => {
    await Promise.all([enterprise?.stop(), provisioning?.stop()]);
  });

  it('puts the approval request\'s id on the allocation-activated event provisioning publishes in reaction', async () => {
    const { admin, applicant, ENTERPRISE_FIELDS, IDENTITY_SECRET, step, submitted } = support;
    const id = await submitted(enterprise, applicant(), { plannedBandwidthMbps: 80, plannedMonthlyTrafficBytes: '500000000000' });
    await step(enterprise, 'takeApplicationIntoReview', id);
    const approval = `approve-${randomUUID()}`;
    const res = await fetch(enterprise.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity(admin, IDENTITY_SECRET), [CORRELATION_ID_HEADER]: approval },
      body: JSON.stringify({ query: `mutation A($id: ID!) { approveEnterprise(enterpriseId: $id) { ${ENTERPRISE_FIELDS} } }`, variables: { id } }),
    });
    expect(res.headers.get(CORRELATION_ID_HEADER)).toBe(approval);

    const messages = await readTopic(createTestKafka(), Topics.FlowAllocations, (ms) => ms.some((m) => m.key?.toString() === id), 60_000);
    const activated = messages.filter((m) => m.key?.toString() === id);
    expect(activated.map((m) => (JSON.parse(m.value!.toString()) as { type: string }).type)).toEqual(['valley.flow.allocation-activated.v1']);
    expect(headerText(activated[0]!.headers, MessageHeaders.CorrelationId)).toBe(approval);
  });
});
