import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root: this file lives in <repo>/infra/local. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Runtime state of the local stack (data dirs, pid files, logs); git-ignored. */
export const VALLEY_HOME = path.join(REPO_ROOT, '.valley');

/** Where the broker and database write their logs. */
export const LOG_DIR = path.join(VALLEY_HOME, 'logs');

/** Checked-in infra files (Kafka's pom.xml and log4j2 config). */
export const INFRA_DIR = path.join(REPO_ROOT, 'infra');

/**
 * Downloads shared by every checkout (Kafka jars). Kept outside the repo so a
 * `reset` or a fresh clone does not fetch them again. Read lazily so a caller
 * may set VALLEY_CACHE before the first start.
 */
export function cacheDir(): string {
  const fromEnv = process.env.VALLEY_CACHE;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : path.join(os.homedir(), '.cache', 'valley');
}
