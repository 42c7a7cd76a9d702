import { randomUUID } from 'node:crypto';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type Producer } from 'kafkajs';
import { deadLetterTopic, InternalTopicSpecs, SERVICE_KAFKA_ACCESS, Topics, TopicSpecs, type ServicePrincipal } from '@valley/contracts';
import { createKafka, setKafkaAccess, withAdmin } from '@valley/messaging';
import { createTestKafka, testKafkaBrokers, testKafkaSasl } from '@valley/testing';

const ALL_TOPICS = [...TopicSpecs, ...InternalTopicSpecs].flatMap((spec) => [spec.name as string, deadLetterTopic(spec.name)]);

/**
 * Each service's own principal may write exactly the topics of its access
 * table: the events it publishes and the DLQs of what it consumes. The
 * services' happy paths (every other integration test) prove the writes it
 * needs; this proves the broker refuses every other one.
 */
describe('service principals on the secured broker', () => {
  const producers: Producer[] = [];
  afterAll(async () => Promise.all(producers.map((p) => p.disconnect().catch(() => undefined))));

  it.each(Object.keys(SERVICE_KAFKA_ACCESS) as ServicePrincipal[])('refuses %s every write outside its own topics', async (service) => {
    const sasl = testKafkaSasl(service);
    if (sasl === undefined || sasl.username !== SERVICE_KAFKA_ACCESS[service].username) {
      throw new Error('this test needs the local secured broker with a principal per service (unset KAFKA_BROKERS)');
    }
    const producer = createKafka({ brokers: testKafkaBrokers(), sasl, clientId: `test-${service}` }).producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    producers.push(producer);
    await producer.connect();
    const forbidden = ALL_TOPICS.filter((t) => !SERVICE_KAFKA_ACCESS[service].writes.includes(t));
    expect(forbidden.length).toBeGreaterThan(ALL_TOPICS.length / 2);
    const allowed: string[] = [];
    for (const topic of forbidden) {
      const outcome = await producer.send({ topic, messages: [{ key: randomUUID(), value: '{}' }] }).then(() => 'written', (err: Error) => err.message);
      if (!/not authorized/i.test(outcome)) allowed.push(`${topic}: ${outcome}`);
    }
    expect(allowed).toEqual([]);
  });
});

const operationName = (code: number): string | undefined => Object.entries(AclOperationTypes).find(([, v]) => v === code)?.[0];

describe(setKafkaAccess.name, () => {
  it('leaves a principal exactly the new access: what is new granted, what went removed, what stays untouched', async () => {
    const username = `test-acl-${randomUUID().slice(0, 8)}`;
    const describe = (): Promise<string[]> =>
      withAdmin(createTestKafka('acl-test'), async (admin) => {
        const held = await admin.describeAcls({ resourceType: AclResourceTypes.ANY, resourcePatternType: ResourcePatternTypes.ANY, principal: `User:${username}`, host: '*', operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY });
        return held.resources.flatMap((r) => r.acls.map((a) => `${r.resourceName}:${operationName(a.operation)}`)).sort();
      });
    await withAdmin(createTestKafka('acl-test'), (admin) => setKafkaAccess(admin, { username, reads: [Topics.FlowCharges], writes: [Topics.FlowUsageRecords], groupPrefix: `${username}.` }));
    const before = await describe();
    await withAdmin(createTestKafka('acl-test'), (admin) => setKafkaAccess(admin, { username, reads: [Topics.FlowCharges, Topics.RevenueReports], writes: [], groupPrefix: `${username}.` }));
    const after = await describe();
    expect(before).toEqual([`${username}.:READ`, `${username}.:DELETE`, `${Topics.FlowCharges}:READ`, `${Topics.FlowUsageRecords}:WRITE`].sort());
    expect(after).toEqual([`${username}.:READ`, `${username}.:DELETE`, `${Topics.FlowCharges}:READ`, `${Topics.RevenueReports}:READ`].sort());
    await withAdmin(createTestKafka('acl-test'), (admin) => setKafkaAccess(admin, { username, reads: [], writes: [], groupPrefix: `${username}.` }));
  });
});
