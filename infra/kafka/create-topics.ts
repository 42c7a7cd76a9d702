/**
 * Creates the contract's topics (and their DLQs) on KAFKA_BROKERS, idempotently:
 * `npm run topics` (as KAFKA_USERNAME on a secured broker). Also run by jest's global setup.
 */
import { createKafka, ensureTopics, kafkaSaslFromEnv } from '@valley/messaging';

async function main(): Promise<void> {
  const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
  const result = await ensureTopics(createKafka({ brokers, sasl: kafkaSaslFromEnv(), clientId: 'valley-topics' }));
  process.stdout.write(`topics: ${result.created.length} created, ${result.widened.length} widened, ${result.existing.length} unchanged\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`creating topics failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
