/**
 * `npm run infra:up`: starts (or reuses) the local Kafka broker and PostgreSQL
 * cluster and leaves them running, for benchmarks and repeated test runs that
 * should not pay a cold JVM each time. `npm run infra:down` stops them.
 */
import { ensureKafka } from './kafka';
import { ensurePostgres } from './postgres';

async function main(): Promise<void> {
  const log = (line: string): void => console.log(line);
  const pg = await ensurePostgres(log);
  const kafka = await ensureKafka(log);
  console.log(`postgres: ${pg.url.replace(/:[^:@/]*@/, ':***@')}`);
  console.log(`kafka: ${kafka.brokers.join(',')}`);
  console.log('left running: `npm run infra:down` stops them');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
