import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Static, TObject } from '@sinclair/typebox';

/** Start-up stops with this when a variable is missing or bad; the message names each one. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the environment through one schema per app: types coerced, defaults
 * applied, unknown variables ignored. Throws ConfigError naming every problem.
 */
export function loadConfig<S extends TObject>(schema: S, env: NodeJS.ProcessEnv = process.env): Static<S> {
  const ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true, strict: false });
  addFormats(ajv);
  const candidate: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') candidate[key] = value;
  }
  const validate = ajv.compile(schema);
  if (validate(candidate)) return candidate as Static<S>;
  const problems = (validate.errors ?? []).map((e) => {
    const name = e.keyword === 'required' ? String(e.params['missingProperty']) : e.instancePath.replace(/^\//, '');
    return e.keyword === 'required' ? `${name} is required` : `${name} ${e.message ?? 'is invalid'}`;
  });
  throw new ConfigError(problems);
}

/** The configuration as it may be logged: every secret masked. */
export function redactConfig<S extends TObject>(schema: S, config: Static<S>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    const property = schema.properties[key] as { secret?: boolean } | undefined;
    shown[key] = property?.secret ? '***' : key.endsWith('_URL') ? redactUrlPassword(String(value)) : value;
  }
  return shown;
}

function redactUrlPassword(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value;
  }
}
