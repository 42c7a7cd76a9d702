import type { KafkaSasl } from '@valley/messaging';
import { existsSync, readdirSync } from 'node:fs';
import { GatewayClient } from './gateway-client';
import { simulate } from './simulator';

const DEMO = { enterprises: 60, months: 12, seed: 'demo' } as const;

/**
 * `npm start`'s demo park: a small simulation (60 enterprises, 12 months) through the gateway,
 * once, so the dashboard shows a living park on the first run. Skipped when the park already
 * has residents (unless it is this demo's own unfinished run, which resumes from its journal).
 * Never throws: a failed demo is reported and the park keeps running.
 */
export async function loadDemoPark(o: { gatewayUrl: string; jwtSecret: string; brokers: string[]; sasl?: KafkaSasl; journalDir: string; say: (line: string) => void }): Promise<void> {
  try {
    const client = new GatewayClient(o.gatewayUrl, o.jwtSecret);
    const { parkDashboard } = await client.ok<{ parkDashboard: { residentCount: number } }>('{ parkDashboard { residentCount } }', {}, { subject: 'simulator-demo', role: 'park-admin' });
    const unfinished = existsSync(o.journalDir) && readdirSync(o.journalDir).some((f) => f.startsWith(`s${DEMO.seed}-`));
    if (parkDashboard.residentCount > 0 && !unfinished) return;
    if (parkDashboard.residentCount > 0 && unfinished && existsSync(`${o.journalDir}/demo-loaded`)) return;
    o.say(`demo park: ${DEMO.enterprises} enterprises over the last ${DEMO.months} months, through the gateway and Kafka (npm start -- --empty skips it)…`);
    const result = await simulate({ ...DEMO, speed: 6, gatewayUrl: o.gatewayUrl, jwtSecret: o.jwtSecret, brokers: o.brokers, sasl: o.sasl, journalDir: o.journalDir, liveShare: 0.05, recordsPerMonth: 2, reconcileTimeoutMs: 90_000, out: process.stdout });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${o.journalDir}/demo-loaded`, `${result.runId}\n`);
    o.say(`demo park: loaded in ${result.seconds.toFixed(0)} s; ${result.ok ? 'every figure reconciled' : `${result.rows.filter((r) => !r.ok).length} figures did not reconcile yet`} (${result.truth.liveApplicants} applicants approved today)`);
  } catch (error) {
    o.say(`demo park: not loaded (${error instanceof Error ? error.message : String(error)}); the park runs empty`);
  }
}
