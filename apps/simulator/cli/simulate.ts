import { parseArgs } from 'node:util';
import { localGatewayJwtSecret } from '../../../infra/local/identity-secret';
import { simulate } from '../src/simulator';
import { kafkaSaslFromEnv } from '@valley/messaging';

/**
 * npm run simulate -- [--enterprises 600] [--months 36] [--seed 1] [--speed 8]
 *   [--gateway http://127.0.0.1:4000/graphql] [--brokers 127.0.0.1:9092] [--journal-dir .valley/simulator | --no-journal]
 * Interrupted (Ctrl-C, a crash), the same command goes on from its journal without sending anything twice.
 * Tokens are signed with GATEWAY_JWT_SECRET when set, else the local one `npm start` uses; Kafka as KAFKA_USERNAME when set.
 * Exit code 0 when every reconciled figure matches, 1 on a mismatch, 2 on an error.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      enterprises: { type: 'string', default: '600' },
      months: { type: 'string', default: '36' },
      seed: { type: 'string', default: '1' },
      speed: { type: 'string', default: '8' },
      gateway: { type: 'string', default: process.env['VALLEY_GATEWAY_URL'] ?? 'http://127.0.0.1:4000/graphql' },
      brokers: { type: 'string', default: process.env['KAFKA_BROKERS'] ?? `127.0.0.1:${process.env['VALLEY_KAFKA_PORT'] ?? '9092'}` },
      'live-share': { type: 'string', default: '0.05' },
      records: { type: 'string', default: '4' },
      'no-journal': { type: 'boolean', default: false },
      'journal-dir': { type: 'string', default: '.valley/simulator' },
      'reconcile-timeout': { type: 'string', default: '300' },
    },
  });
  const result = await simulate({
    enterprises: positive('enterprises', values.enterprises),
    months: positive('months', values.months),
    seed: values.seed,
    speed: positive('speed', values.speed),
    gatewayUrl: values.gateway,
    jwtSecret: process.env['GATEWAY_JWT_SECRET'] || localGatewayJwtSecret(),
    brokers: values.brokers.split(','),
    sasl: kafkaSaslFromEnv(),
    journalDir: values['no-journal'] ? undefined : values['journal-dir'],
    liveShare: Number(values['live-share']),
    recordsPerMonth: positive('records', values.records),
    reconcileTimeoutMs: positive('reconcile-timeout', values['reconcile-timeout']) * 1000,
    out: process.stderr,
  });
  process.stdout.write(`\n${result.table}\n\n${result.ok ? 'reconciled: every figure matches' : `MISMATCH: ${result.rows.filter((r) => !r.ok).length} figures differ`} (${result.seconds.toFixed(1)} s, run ${result.runId})\n`);
  return result.ok ? 0 : 1;
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, not ${value}`);
  return n;
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`\nsimulate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
