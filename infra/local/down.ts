/**
 * `npm run infra:down`: stops the local Kafka brokers (the park's and the tests') and PostgreSQL cluster
 * started from .valley (never servers named by KAFKA_BROKERS/DATABASE_URL).
 * Data stays; `npm run reset` also deletes it.
 */
import { localKafkaPid, stopKafka } from './kafka';
import { localPostgresPid, stopPostgres } from './postgres';

/** Stops both; returns one line per service saying what happened. */
export async function down(): Promise<string[]> {
  const lines: string[] = [];
  // The park's broker and the tests' own (left running by VALLEY_TEST_KEEP_INFRA=1).
  const chosen = process.env.VALLEY_KAFKA_INSTANCE;
  for (const instance of ['kafka', 'kafka-test']) {
    process.env.VALLEY_KAFKA_INSTANCE = instance;
    const kafkaPid = localKafkaPid();
    await stopKafka();
    if (kafkaPid !== undefined || instance === 'kafka') lines.push(kafkaPid === undefined ? `${instance}: not running` : `${instance}: stopped (pid ${kafkaPid})`);
  }
  if (chosen === undefined) delete process.env.VALLEY_KAFKA_INSTANCE;
  else process.env.VALLEY_KAFKA_INSTANCE = chosen;
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
