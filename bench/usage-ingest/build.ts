import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, VALLEY_HOME } from '../../infra/local/paths';
import { log, withTimeout } from '../relay/support';

const SHARED_DIST = path.join(REPO_ROOT, 'dist');

export type BenchApp = 'provisioning' | 'revenue';
/** Every app `npm run build` compiles (the gateway needs the composed supergraph beside it). */
export type ParkApp = BenchApp | 'enterprise' | 'talent' | 'gateway';
export const PARK_APPS: readonly ParkApp[] = ['enterprise', 'provisioning', 'revenue', 'talent', 'gateway'];

/** The bench's fallback build of one app (+ libs), with the same settings as tsconfig.build.json. */
function privateBuild(app: BenchApp): { dist: string; tsconfig: string } {
  const dir = path.join(VALLEY_HOME, `bench-${app}-build`);
  const dist = path.join(dir, 'dist');
  const tsconfig = path.join(dir, 'tsconfig.json');
  fs.mkdirSync(dir, { recursive: true });
  const rel = (p: string): string => path.relative(dir, path.join(REPO_ROOT, p));
  fs.writeFileSync(tsconfig, JSON.stringify({
    extends: rel('tsconfig.build.json'),
    compilerOptions: { outDir: 'dist', rootDir: rel('.') },
    include: [rel(`apps/${app}/src`), rel('libs/*/src')],
    exclude: [rel('node_modules'), rel('dist'), rel('**/*.spec.ts'), rel('libs/testing')],
  }, null, 2));
  return { dist, tsconfig };
}

/**
 * The compiled service to run: `dist` (rebuilt with `npm run build` when any
 * source of the service, apps/provisioning or libs, is newer). When the build
 * would fail (another app's unfinished code: `npm run build` compiles every
 * app, and a failed tsc still emits, without tsc-alias, leaving `dist`
 * broken for everyone), the service and libs alone are built into
 * .valley/bench-<app>-build instead, with the same compiler settings.
 * Returns the dist directory.
 */
export async function compiledService(app: BenchApp = 'provisioning'): Promise<string> {
  const ENTRY = entryOf(app);
  const newest = newestSource(app);
  const { dist: PRIVATE_DIST, tsconfig: PRIVATE_TSCONFIG } = privateBuild(app);
  if (mtimeOf(path.join(SHARED_DIST, ENTRY)) > newest) {
    log('build: dist is newer than the service sources, not rebuilding');
    return SHARED_DIST;
  }
  log('build: dist is older than the service sources; checking that npm run build would succeed (tsc --noEmit)');
  const check = await run('npx', ['tsc', '-p', 'tsconfig.build.json', '--noEmit']);
  if (check.code === 0) {
    log('build: npm run build');
    const build = await run('npm', ['run', 'build']);
    if (build.code !== 0) throw new Error(`npm run build failed (exit ${build.code}):\n${build.output.slice(-4000)}`);
    return SHARED_DIST;
  }
  const firstErrors = check.output.split('\n').filter((l) => l.includes('error TS')).slice(0, 3).join('\n  ');
  if (mtimeOf(path.join(PRIVATE_DIST, ENTRY)) > newest) {
    log(`build: npm run build would fail, not touching dist:\n  ${firstErrors}\n  using the bench's own build in ${PRIVATE_DIST} (newer than the sources)`);
    return PRIVATE_DIST;
  }
  log(`build: npm run build would fail, not touching dist:\n  ${firstErrors}\n  building apps/${app} and libs alone into ${PRIVATE_DIST}`);
  const tsc = await run('npx', ['tsc', '-p', PRIVATE_TSCONFIG]);
  if (tsc.code !== 0) throw new Error(`building the ${app} service failed (its own sources do not compile):\n${tsc.output.slice(-4000)}`);
  const alias = await run('npx', ['tsc-alias', '-p', PRIVATE_TSCONFIG]);
  if (alias.code !== 0) throw new Error(`tsc-alias failed:\n${alias.output.slice(-4000)}`);
  return PRIVATE_DIST;
}

/**
 * The whole park compiled: `dist` after `npm run build` (every app and the
 * composed supergraph) when any app's or lib's source, or a subgraph's
 * schema.graphql, is newer than an app's entry or the built supergraph. No
 * private fallback: the gateway needs every app and the supergraph from one
 * build. Returns the dist directory.
 */
export async function compiledPark(): Promise<string> {
  let newest = Math.max(mtimeOf(path.join(REPO_ROOT, 'tsconfig.build.json')), mtimeOf(path.join(REPO_ROOT, 'tsconfig.json')));
  for (const app of PARK_APPS) {
    newest = Math.max(newest, newestTs(path.join(REPO_ROOT, 'apps', app, 'src')), mtimeOf(path.join(REPO_ROOT, 'apps', app, 'schema.graphql')));
  }
  for (const lib of fs.readdirSync(path.join(REPO_ROOT, 'libs'), { withFileTypes: true })) {
    if (lib.isDirectory() && lib.name !== 'testing') newest = Math.max(newest, newestTs(path.join(REPO_ROOT, 'libs', lib.name, 'src')));
  }
  const built = [...PARK_APPS.map((app) => path.join(SHARED_DIST, entryOf(app))), path.join(SHARED_DIST, 'apps/gateway/supergraph.graphql')];
  const oldest = Math.min(...built.map(mtimeOf));
  if (oldest > newest) {
    log('build: dist is newer than the sources of every app, not rebuilding');
    return SHARED_DIST;
  }
  log('build: dist is older than the sources (or missing): npm run build');
  const build = await run('npm', ['run', 'build']);
  if (build.code !== 0) throw new Error(`npm run build failed (exit ${build.code}):\n${build.output.slice(-4000)}`);
  return SHARED_DIST;
}

function entryOf(app: ParkApp): string {
  return `apps/${app}/src/main.js`;
}

export function serviceEntry(distDir: string, app: ParkApp = 'provisioning'): string {
  return path.join(distDir, entryOf(app));
}

function mtimeOf(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest .ts under `dir` (0 when it does not exist). */
function newestTs(dir: string): number {
  let newest = 0;
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, mtimeOf(full));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return newest;
}

/** Newest .ts the service is compiled from: apps/<app>/src and libs/*\/src (not libs/testing), and the build config. */
function newestSource(app: BenchApp): number {
  let newest = Math.max(mtimeOf(path.join(REPO_ROOT, 'tsconfig.build.json')), mtimeOf(path.join(REPO_ROOT, 'tsconfig.json')));
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, mtimeOf(full));
    }
  };
  walk(path.join(REPO_ROOT, `apps/${app}/src`));
  for (const lib of fs.readdirSync(path.join(REPO_ROOT, 'libs'), { withFileTypes: true })) {
    const src = path.join(REPO_ROOT, 'libs', lib.name, 'src');
    if (lib.isDirectory() && lib.name !== 'testing' && fs.existsSync(src)) walk(src);
  }
  return newest;
}

function run(cmd: string, args: string[]): Promise<{ code: number; output: string }> {
  return withTimeout(`${cmd} ${args.join(' ')}`, 300_000, () => new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  }));
}
