/**
 * Reads the deployment files for the specs beside it. YAML through js-yaml
 * (already in node_modules; to become a direct dev dependency).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TObject } from '@sinclair/typebox';
import { EnterpriseConfigSchema } from '../../apps/enterprise/src/enterprise.config';
import { GatewayConfigSchema } from '../../apps/gateway/src/gateway.config';
import { ProvisioningConfigSchema } from '../../apps/provisioning/src/provisioning.config';
import { RevenueConfigSchema } from '../../apps/revenue/src/revenue.config';
import { TalentConfigSchema } from '../../apps/talent/src/talent.config';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- js-yaml 3 ships no types
const jsYaml = require('js-yaml') as { safeLoad(text: string): unknown; safeLoadAll(text: string): unknown[] };

export const ROOT = path.resolve(__dirname, '..', '..');
export const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');
export const parseYaml = (file: string): unknown => jsYaml.safeLoad(read(file));
export const parseYamlAll = (file: string): unknown[] => jsYaml.safeLoadAll(read(file)).filter((d) => d != null);

export type AppName = 'enterprise' | 'provisioning' | 'revenue' | 'talent' | 'gateway';

export const APPS: ReadonlyArray<{ name: AppName; schema: TObject; port: number }> = [
  { name: 'enterprise', schema: EnterpriseConfigSchema, port: 4001 },
  { name: 'provisioning', schema: ProvisioningConfigSchema, port: 4002 },
  { name: 'revenue', schema: RevenueConfigSchema, port: 4003 },
  { name: 'talent', schema: TalentConfigSchema, port: 4004 },
  { name: 'gateway', schema: GatewayConfigSchema, port: 4000 },
];

/**
 * What a deployment must set for an app: every required property without a
 * default, plus what a container needs although it has a default (HOST: the
 * default 127.0.0.1 is unreachable from outside the container; PORT, NODE_ENV),
 * plus the gateway's subgraph addresses (their defaults are the local ones) and
 * one of its token keys.
 */
export function variablesToSet(app: { name: AppName; schema: TObject }): string[] {
  const required = (app.schema.required ?? []).filter((key) => (app.schema.properties[key] as { default?: unknown }).default === undefined);
  const always = ['HOST', 'PORT', 'NODE_ENV'];
  const gateway = app.name === 'gateway' ? Object.keys(app.schema.properties).filter((k) => /^SUBGRAPH_[A-Z]+_URL$/.test(k)) : [];
  return [...new Set([...required, ...always, ...gateway])].sort();
}

/** The service's compiled entry in the image. */
export const entryOf = (app: AppName): string => `dist/apps/${app}/src/main.js`;

/** The bodies of the Dockerfile's `COPY <<'EOF' <dest>` heredocs, by destination. */
export function dockerfileHeredocs(dockerfile: string): Map<string, string> {
  const found = new Map<string, string>();
  const re = /^COPY [^\n]*<<'EOF' (\S+)\n([\s\S]*?)\nEOF$/gm;
  for (let m = re.exec(dockerfile); m; m = re.exec(dockerfile)) found.set(m[1]!, m[2]!);
  return found;
}
