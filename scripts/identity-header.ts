/**
 * Prints a signed identity header for calling a subgraph directly in local
 * development (the gateway makes these in production):
 *   npm run identity -- --role park-admin
 *   npm run identity -- --role enterprise --subject user-7 [--enterprise <uuid>]
 */
import { parseArgs } from 'node:util';
import { IDENTITY_HEADER, signIdentity, type Role } from '@valley/platform';
import { localIdentitySecret } from '../infra/local/identity-secret';

const { values } = parseArgs({ options: { role: { type: 'string' }, subject: { type: 'string' }, enterprise: { type: 'string' }, ttl: { type: 'string', default: '3600' } } });
const role = values.role as Role | undefined;
if (role !== 'park-admin' && role !== 'enterprise') {
  process.stderr.write('usage: npm run identity -- --role park-admin|enterprise [--subject ID] [--enterprise UUID] [--ttl SECONDS]\n');
  process.exit(2);
}
const header = signIdentity({ subject: values.subject ?? `local-${role}`, role, ...(values.enterprise ? { enterpriseId: values.enterprise } : {}) }, localIdentitySecret(), Number(values.ttl));
process.stdout.write(`${IDENTITY_HEADER}: ${header}\n`);
