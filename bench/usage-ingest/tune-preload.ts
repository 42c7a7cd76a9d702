/**
 * EXPERIMENTS ONLY (`--tune …`): preloaded into the service process
 * (`node --require tsx/cjs --require this dist/…/main.js`) to try consumer
 * settings the usage-records consumer hard-codes, without editing the
 * service. Patches IdempotentConsumer.start for the `*.usage-records` group:
 *
 *   chunk=N        records per transaction (the consumer passes 1000)
 *   concurrency=N  partitionsConsumedConcurrently (library default 6)
 *   precheck       run the usage window and byte checks in the decoder, so an
 *                  invalid window is dead-lettered like malformed JSON instead
 *                  of failing the chunk's fast path (which redoes the whole
 *                  chunk record by record, one savepoint each)
 *   fastdate       park dates by fixed-offset arithmetic (UTC+8, no DST in
 *                  Asia/Shanghai since 1991) instead of Intl.DateTimeFormat
 */
import * as path from 'node:path';
import type { KafkaMessage } from 'kafkajs';

type Decoded = { ok: true; id: string; value: { windowStart: string; windowEnd: string; bytesIn: string | number; bytesOut: string | number } } | { ok: false; reason: string };

interface ConsumerInternals {
  options: { groupId: string; partitionsConsumedConcurrently?: number; decode: (m: KafkaMessage) => Decoded };
  chunkSize: number;
}

interface ConsumerModule {
  IdempotentConsumer: { prototype: { start(this: ConsumerInternals): Promise<void> } };
}

interface DomainModules {
  window: { checkUsageWindow(start: string, end: string, now: Date): unknown };
  units: { parseNonNegativeBigInt(field: string, value: string | number): bigint };
}

const dist = process.env['BENCH_DIST'] ?? path.resolve(__dirname, '..', '..', 'dist');
const tune = new Map((process.env['BENCH_TUNE'] ?? '').split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string | undefined]));
const consumerModule = require(path.join(dist, 'libs/messaging/src/inbox/idempotent-consumer.js')) as ConsumerModule;
const domain: DomainModules = {
  window: require(path.join(dist, 'apps/provisioning/src/provisioning/domain/usage-window.js')) as DomainModules['window'],
  units: require(path.join(dist, 'apps/provisioning/src/provisioning/domain/units.js')) as DomainModules['units'],
};
const originalStart = consumerModule.IdempotentConsumer.prototype.start;

if (tune.has('fastdate')) {
  const parkTime = require(path.join(dist, 'libs/contracts/src/park-time.js')) as { parkDateOf(d: Date): string; parkMonthOf(d: Date): string };
  const original = parkTime.parkDateOf;
  const since1992 = Date.UTC(1992, 0, 1);
  const fast = (d: Date): string => (d.getTime() >= since1992 ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : original(d));
  parkTime.parkDateOf = fast;
  parkTime.parkMonthOf = (d) => fast(d).slice(0, 7);
}

consumerModule.IdempotentConsumer.prototype.start = function patchedStart(this: ConsumerInternals): Promise<void> {
  if (this.options.groupId.endsWith('.usage-records')) {
    const chunk = Number(tune.get('chunk') ?? NaN);
    const concurrency = Number(tune.get('concurrency') ?? NaN);
    if (Number.isInteger(chunk) && chunk > 0) this.chunkSize = chunk;
    if (Number.isInteger(concurrency) && concurrency > 0) this.options.partitionsConsumedConcurrently = concurrency;
    if (tune.has('precheck')) this.options.decode = precheck(this.options.decode);
    process.stderr.write(`bench tune: ${this.options.groupId} chunk ${this.chunkSize}, concurrency ${this.options.partitionsConsumedConcurrently ?? 'default'}, precheck ${tune.has('precheck')}, fastdate ${tune.has('fastdate')}\n`);
  }
  return originalStart.call(this);
};

function precheck(decode: (m: KafkaMessage) => Decoded): (m: KafkaMessage) => Decoded {
  return (message) => {
    const decoded = decode(message);
    if (!decoded.ok) return decoded;
    try {
      domain.window.checkUsageWindow(decoded.value.windowStart, decoded.value.windowEnd, new Date());
      domain.units.parseNonNegativeBigInt('bytesIn', decoded.value.bytesIn);
      domain.units.parseNonNegativeBigInt('bytesOut', decoded.value.bytesOut);
      return decoded;
    } catch (err) {
      return { ok: false, reason: `invalid usage record: ${err instanceof Error ? err.message : String(err)}` };
    }
  };
}
