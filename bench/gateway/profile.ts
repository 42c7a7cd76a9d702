import * as fs from 'node:fs';
import * as path from 'node:path';
import { table } from '../relay/stats';
import { log } from '../relay/support';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

/** Where a function lives: an npm package, Node itself, Valley's own code, or V8's pseudo-frames (GC, idle, program). */
function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return 'node (http, streams, timers…)';
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return `valley ${url.slice(dist + '/dist/'.length).split('/').slice(0, 2).join('/')}`;
  return url;
}

export interface ProfileSummary {
  file: string;
  /** ms sampled while not idle. */
  busyMs: number;
  byOwner: Array<{ owner: string; percent: number }>;
  topFunctions: Array<{ fn: string; owner: string; percent: number }>;
}

/** Self time of a V8 CPU profile (`node --cpu-prof`), by package and by function, in percent of the busy time. */
export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const owners = new Map<string, number>();
  const functions = new Map<string, { owner: string; us: number }>();
  let busy = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    busy += us;
    const owner = ownerOf(url, functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`.trim();
    const f = functions.get(key) ?? { owner, us: 0 };
    f.us += us;
    functions.set(key, f);
  }
  const pct = (us: number): number => Math.round((us / Math.max(1, busy)) * 1000) / 10;
  return {
    file,
    busyMs: Math.round(busy / 1000),
    byOwner: [...owners].sort((a, b) => b[1] - a[1]).slice(0, top).map(([owner, us]) => ({ owner, percent: pct(us) })),
    topFunctions: [...functions].sort((a, b) => b[1].us - a[1].us).slice(0, top).map(([fn, f]) => ({ fn, owner: f.owner, percent: pct(f.us) })),
  };
}

/** The newest .cpuprofile in `dir`, if the process wrote one. */
export function newestProfile(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  return files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

/** Prints where `who` spent its CPU (the newest profile in `dir`): self time by package and by function. */
export function printProfile(dir: string, who: string): void {
  const file = newestProfile(dir);
  if (!file) return log(`profile: ${who} wrote no profile into ${dir}`);
  const p = summarizeProfile(file);
  process.stdout.write(`\n${who}'s CPU profile (whole run, set-up included; ${p.busyMs} ms busy; ${file}), self time:\n`);
  process.stdout.write(`${table([['by package', '%'], ...p.byOwner.map((x) => [x.owner, x.percent])])}\n\n`);
  process.stdout.write(`${table([['by function', 'package', '%'], ...p.topFunctions.map((x) => [x.fn, x.owner, x.percent])])}\n\n`);
}
