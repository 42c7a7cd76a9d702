/**
 * Prints a Bearer token the local gateway accepts (HS256 under the local
 * GATEWAY_JWT_SECRET; production tokens come from the identity provider):
 *   npm run token -- --role park-admin
 *   npm run token -- --enterprise <uuid>            an enterprise user acting for that resident
 *   npm run token -- --role enterprise               an applicant (no enterprise yet)
 *   options: --subject ID, --ttl SECONDS (default 8 h)
 */
import { parseArgs } from 'node:util';
import type { Identity } from '@valley/platform';
import { localGatewayJwtSecret } from '../../../infra/local/identity-secret';
import { issueLocalToken } from '../src/auth/local-token';

const USAGE = 'usage: npm run token -- --role park-admin | --enterprise <uuid> | --role enterprise [--subject ID] [--ttl SECONDS]\n';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<void> {
  let values: { role?: string; enterprise?: string; subject?: string; ttl?: string };
  try {
    values = parseArgs({ options: { role: { type: 'string' }, enterprise: { type: 'string' }, subject: { type: 'string' }, ttl: { type: 'string', default: String(8 * 3600) } } }).values;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
  const role = values.role ?? (values.enterprise ? 'enterprise' : undefined);
  const ttl = Number(values.ttl);
  const problem =
    role !== 'park-admin' && role !== 'enterprise' ? 'say --role park-admin, --role enterprise or --enterprise <uuid>'
    : role === 'park-admin' && values.enterprise ? 'a park-admin acts for no enterprise: drop --enterprise'
    : values.enterprise && !UUID.test(values.enterprise) ? `--enterprise ${values.enterprise} is not a UUID`
    : !Number.isInteger(ttl) || ttl < 60 || ttl > 30 * 86400 ? '--ttl is whole seconds from 60 to 2592000'
    : undefined;
  if (problem) {
    process.stderr.write(`${problem}\n${USAGE}`);
    process.exit(2);
  }
  const identity: Identity = { subject: values.subject ?? (values.enterprise ? `local-user-${values.enterprise.slice(0, 8)}` : `local-${role}`), role: role as Identity['role'], ...(values.enterprise ? { enterpriseId: values.enterprise.toLowerCase() } : {}) };
  process.stdout.write(`${await issueLocalToken(identity, { secret: localGatewayJwtSecret(), ttlSeconds: ttl })}\n`);
}

void main();
