import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { deadLetterTopic, InternalTopicSpecs, SERVICE_KAFKA_ACCESS, TopicSpecs, type ServicePrincipal } from '@valley/contracts';
import { createKafka } from '@valley/messaging';
import { testKafkaBrokers, testKafkaSasl } from '@valley/testing';

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
