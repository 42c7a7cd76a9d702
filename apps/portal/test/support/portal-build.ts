import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, VALLEY_HOME } from '../../../../infra/local/paths';
import { run, withLock } from '../../../../infra/local/process';

const PORTAL = path.join(REPO_ROOT, 'apps/portal');
/** The tests' own build (not dist/portal, which `npm start` serves), reused while its sources are unchanged. */
export const TEST_PORTAL_DIR = path.join(VALLEY_HOME, 'portal-test');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** A hash of everything the build reads: the portal's sources and config, and the locked dependencies. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const files = [path.join(PORTAL, 'index.html'), path.join(PORTAL, 'vite.config.ts'), path.join(REPO_ROOT, 'package-lock.json'), ...filesUnder(path.join(PORTAL, 'src')).filter((f) => !f.endsWith('.spec.ts'))].sort();
  for (const file of files) hash.update(path.relative(REPO_ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/**
 * The portal built with Vite into TEST_PORTAL_DIR, exactly as `npm run build`
 * builds it; skipped (well under a second) when the sources are unchanged.
 */
export async function ensurePortalBuild(log: (line: string) => void = (line) => void process.stderr.write(`${line}\n`)): Promise<string> {
  return withLock(path.join(VALLEY_HOME, 'locks', 'portal-test-build'), async () => {
    const wanted = sourceHash();
    const stamp = path.join(TEST_PORTAL_DIR, '.source-hash');
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted && fs.existsSync(path.join(TEST_PORTAL_DIR, 'index.html'))) return TEST_PORTAL_DIR;
    const started = Date.now();
    await run('vite build (portal)', process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(PORTAL, 'vite.config.ts'), '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      env: { ...process.env, VALLEY_PORTAL_OUT_DIR: TEST_PORTAL_DIR },
      timeoutMs: 180_000,
    });
    fs.writeFileSync(stamp, wanted);
    log(`portal: built for the browser tests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return TEST_PORTAL_DIR;
  });
}
