import * as fs from 'node:fs';
import { findExecutable, run, runCommand, withLock } from '../../../../infra/local/process';
import { VALLEY_HOME } from '../../../../infra/local/paths';
import * as path from 'node:path';

/** Debian's packages the browser tests need: the browser, and a CJK font so Chinese pages (and their screenshots) are legible. */
const PACKAGES = { chromium: 'chromium', cjkFont: 'fonts-wqy-microhei' } as const;

async function hasCjkFont(): Promise<boolean> {
  const fcList = findExecutable('fc-list');
  if (!fcList) return false;
  const { code, output } = await runCommand(fcList, [':lang=zh', 'family']);
  return code === 0 && output.trim().length > 0;
}

/**
 * The machine's Chromium (CHROMIUM_PATH, or `chromium` on PATH), installed
 * with apt-get when missing, as infra/local/postgres.ts installs PostgreSQL:
 * playwright-core never downloads a browser. Needs root on a fresh machine.
 */
export async function ensureChromium(log: (line: string) => void = (line) => void process.stderr.write(`${line}\n`)): Promise<string> {
  const configured = process.env['CHROMIUM_PATH'];
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
    return configured;
  }
  // One installer at a time when several test files start together.
  return withLock(path.join(VALLEY_HOME, 'locks', 'chromium'), async () => {
    const missing: string[] = [];
    if (!findExecutable('chromium')) missing.push(PACKAGES.chromium);
    if (!(await hasCjkFont())) missing.push(PACKAGES.cjkFont);
    if (missing.length > 0) {
      const aptGet = findExecutable('apt-get');
      if (!aptGet) throw new Error(`the browser tests need ${missing.join(' and ')}, and apt-get is not here to install them; install Chromium or set CHROMIUM_PATH`);
      if (process.getuid?.() !== 0) throw new Error(`the browser tests need ${missing.join(' and ')}; installing needs root: run "sudo apt-get install ${missing.join(' ')}", or set CHROMIUM_PATH`);
      log(`browser tests: installing ${missing.join(' ')} with apt-get (first run)…`);
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      await run('apt-get update', aptGet, ['update'], { env, timeoutMs: 600_000 });
      await run(`apt-get install ${missing.join(' ')}`, aptGet, ['install', '-y', '--no-install-recommends', ...missing], { env, timeoutMs: 900_000 });
    }
    const chromium = findExecutable('chromium');
    if (!chromium) throw new Error('apt-get installed chromium but it is not on PATH');
    return chromium;
  });
}
