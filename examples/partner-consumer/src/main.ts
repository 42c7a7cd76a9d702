import { parseArgs } from 'node:util';
import { EventContract } from './event-contract';
import { saslFromEnv } from './kafka-credentials';
import { parkFigures } from './park-figures';
import type { InvalidRecord } from './park-stream';
import { replay, type KafkaConnection } from './replay';
import { formatSummary, viewJson } from './summary';

const USAGE = `Usage: npx tsx examples/partner-consumer/src/main.ts --asyncapi <url|file> --brokers host:port[,host:port] --group-prefix <prefix> [--topics t1,t2] [--json] [--follow]

Without --topics it reads every topic the document offers that your credentials may read,
and names the others.

Credentials from the environment: PARTNER_KAFKA_USERNAME, PARTNER_KAFKA_PASSWORD,
PARTNER_KAFKA_MECHANISM (scram-sha-512 by default; scram-sha-256, plain), PARTNER_KAFKA_SSL=1 for TLS.
Without a username it connects without SASL.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      asyncapi: { type: 'string' },
      brokers: { type: 'string' },
      'group-prefix': { type: 'string' },
      'group-name': { type: 'string' },
      topics: { type: 'string' },
      json: { type: 'boolean', default: false },
      follow: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.asyncapi || !values.brokers || !values['group-prefix']) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const contract = await EventContract.load(values.asyncapi);
  const sasl = saslFromEnv(process.env);
  const connection: KafkaConnection = {
    brokers: values.brokers.split(',').map((b) => b.trim()).filter(Boolean),
    ...(sasl ? { sasl } : {}),
    ...(process.env['PARTNER_KAFKA_SSL'] === '1' ? { ssl: true } : {}),
  };
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  process.stderr.write(`${contract.title} ${contract.version}: ${contract.topics.map((t) => t.name).join(', ')}\n`);
  const result = await replay({
    contract,
    connection,
    groupPrefix: values['group-prefix'],
    ...(values['group-name'] ? { groupName: values['group-name'] } : {}),
    ...(values.topics ? { topics: values.topics.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
    follow: values.follow,
    signal: abort.signal,
    ...(values.follow
      ? {
          onCaughtUp: () => void process.stderr.write('caught up; following (Ctrl-C prints the view and stops)\n'),
          onInvalid: (r: InvalidRecord) => void process.stderr.write(`invalid: ${r.topic} [${r.partition}] @${r.offset}: ${r.reason}\n`),
        }
      : {}),
  });
  const { stream } = result;
  if (result.notGranted.length > 0) process.stderr.write(`not granted to you, skipped: ${result.notGranted.join(', ')}\n`);
  const figures = parkFigures(result.view);
  if (values.json) {
    process.stdout.write(`${viewJson(result.view, { figures, stream: { records: stream.records, ...result.view.counts, invalid: stream.invalidCount, invalidRecords: stream.invalid } })}\n`);
  } else {
    process.stdout.write(`${formatSummary({ figures, records: stream.records, ...result.view.counts, invalidCount: stream.invalidCount, invalid: stream.invalid, seconds: result.seconds, groupId: result.groupId })}\n`);
  }
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`partner-consumer: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
