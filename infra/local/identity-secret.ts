import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VALLEY_HOME } from './paths';

/**
 * A secret for local runs: the environment variable when set, else one made for
 * this machine on first use and kept in .valley/<file> (readable by its owner
 * only), so it stays the same across starts; `npm run reset` deletes it.
 */
export function localSecret(envVar: string, file: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) return fromEnv;
  const secretFile = path.join(VALLEY_HOME, file);
  if (fs.existsSync(secretFile)) return fs.readFileSync(secretFile, 'utf8').trim();
  fs.mkdirSync(VALLEY_HOME, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(secretFile, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The secret the gateway and the subgraphs share to sign forwarded identities (VALLEY_IDENTITY_SECRET). */
export function localIdentitySecret(): string {
  return localSecret('VALLEY_IDENTITY_SECRET', 'identity-secret');
}

/**
 * The key the talent service hashes national id numbers under (TALENT_ID_HASH_SECRET).
 * It must stay the same for as long as the talent database lives, or registered
 * people are no longer recognised; `npm run reset` deletes both together.
 */
export function localTalentIdHashSecret(): string {
  return localSecret('TALENT_ID_HASH_SECRET', 'talent-id-hash-secret');
}

/** The HS256 key of local tokens (GATEWAY_JWT_SECRET): the gateway verifies them, `npm run token` makes them. */
export function localGatewayJwtSecret(): string {
  return localSecret('GATEWAY_JWT_SECRET', 'gateway-jwt-secret');
}
