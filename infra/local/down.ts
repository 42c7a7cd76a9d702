/**
 * `npm run infra:down`: stops the local Kafka broker and PostgreSQL cluster
 * started from .valley (never servers named by KAFKA_BROKERS/DATABASE_URL).
 * Data stays; `npm run reset` also deletes it.
 */
import { localKafkaPid, stopKafka } from './kafka';
import { localPostgresPid, stopPostgres } from './postgres';

/** Stops both; returns one line per service saying what happened. */
export async function down(): Promise<string[]> {
  const lines: string[] = [];
  const kafkaPid = localKafkaPid();
  await stopKafka();
  lines.push(kafkaPid === undefined ? 'kafka: not running' : `kafka: stopped (pid ${kafkaPid})`);
  const pgPid = localPostgresPid();
  await stopPostgres();
  lines.push(pgPid === undefined ? 'postgres: not running' : `postgres: stopped (pid ${pgPid})`);
  return lines;
}

if (require.main === module) {
  down()
    .then((lines) => lines.forEach((line) => console.log(line)))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    });
}
