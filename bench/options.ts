/**
 * The benches' command lines, read one way: `--name value` options and
 * flags, strictly (an unknown option is a mistake), `--help` printing the
 * usage. A mistake throws UsageError with the reason and the usage; each
 * bench's main hands its error to exitOnUsageError first, so a mistake ends
 * with that text and exit code 2, never a stack trace.
 */
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export interface BenchArgs<S extends string, F extends string> {
  /** The option's text as given, or undefined. */
  string(name: S): string | undefined;
  flag(name: F): boolean;
  /** A whole number from `min` to `max` (digits only), or `fallback` when the option is absent. */
  int(name: S, fallback: number, min?: number, max?: number): number;
  /** The same, without a fallback: undefined when absent. */
  optionalInt(name: S, min?: number, max?: number): number | undefined;
  /** A UsageError for a mistake the bench found itself (a value out of its set, say). */
  mistake(reason: string): UsageError;
}

export function parseBenchArgs<S extends string, F extends string = never>(usage: string, options: readonly S[], flags: readonly F[] = []): BenchArgs<S, F> {
  const mistake = (reason: string): UsageError => new UsageError(`${reason}\n${usage}`);
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      options: {
        ...Object.fromEntries(options.map((n) => [n, { type: 'string' as const }])),
        ...Object.fromEntries(flags.map((n) => [n, { type: 'boolean' as const }])),
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (err) {
    throw mistake(err instanceof Error ? err.message : String(err));
  }
  if (values['help'] === true) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const optionalInt = (name: S, min = 1, max = Number.MAX_SAFE_INTEGER): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (typeof raw !== 'string' || !/^\d+$/.test(raw) || n < min || n > max) {
      throw mistake(`--${name}=${String(raw)} is not a whole number ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`}`);
    }
    return n;
  };
  return {
    string: (name) => values[name] as string | undefined,
    flag: (name) => values[name] === true,
    int: (name, fallback, min, max) => optionalInt(name, min, max) ?? fallback,
    optionalInt,
    mistake,
  };
}

/** Ends the process with the mistake and exit code 2 when `err` is a UsageError; returns otherwise. */
export function exitOnUsageError(err: unknown): void {
  if (!(err instanceof UsageError)) return;
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
}
