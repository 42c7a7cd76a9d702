/**
 * `npm run reset`: stops the local stack, then deletes .valley (Kafka and
 * PostgreSQL data, pid files, logs). The jar cache outside the repo stays, so
 * the next start is a cold start without a download.
 */
import * as fs from 'node:fs';
import { down } from './down';
import { VALLEY_HOME } from './paths';

async function reset(): Promise<void> {
  for (const line of await down()) console.log(line);
  fs.rmSync(VALLEY_HOME, { recursive: true, force: true });
  console.log(`removed ${VALLEY_HOME}`);
  console.log('empty park');
}

reset().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
