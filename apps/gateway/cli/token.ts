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
import { issueLocalToken, localIdentity, LocalIdentityError } from '../src/auth/local-token';

const USAGE = 'usage: npm run token -- --role park-admin | --enterprise <uuid> | --role enterprise [--subject ID] [--ttl SECONDS]\n';

async function main(): Promise<void> {
  let values: { role?: string; enterprise?: string; subject?: string; ttl?: string };
  try {
    values = parseArgs({ options: { role: { type: 'string' }, enterprise: { type: 'string' }, subject: { type: 'string' }, ttl: { type: 'string', default: String(8 * 3600) } } }).values;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
  const ttl = Number(values.ttl);
  let identity: Identity;
  try {
    // The same rules and subjects as the portal's local sign-in.
    identity = localIdentity({ role: values.role ?? (values.enterprise ? 'enterprise' : undefined), enterpriseId: values.enterprise });
    if (!Number.isInteger(ttl) || ttl < 60 || ttl > 30 * 86400) throw new LocalIdentityError('--ttl is whole seconds from 60 to 2592000');
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
  if (values.subject) identity = { ...identity, subject: values.subject };
  process.stdout.write(`${await issueLocalToken(identity, { secret: localGatewayJwtSecret(), ttlSeconds: ttl })}\n`);
}

void main();
