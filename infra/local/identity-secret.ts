import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VALLEY_HOME } from './paths';

const SECRET_FILE = path.join(VALLEY_HOME, 'identity-secret');

/**
 * The secret the gateway and the subgraphs share to sign forwarded identities:
 * VALLEY_IDENTITY_SECRET when set, else one made for this machine and kept in
 * .valley (readable by its owner only).
 */
export function localIdentitySecret(): string {
  const fromEnv = process.env['VALLEY_IDENTITY_SECRET'];
  if (fromEnv) return fromEnv;
  if (fs.existsSync(SECRET_FILE)) return fs.readFileSync(SECRET_FILE, 'utf8').trim();
  fs.mkdirSync(VALLEY_HOME, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  return secret;
}
