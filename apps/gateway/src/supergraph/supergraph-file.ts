import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SubgraphName } from '../gateway.config';

/**
 * Where the build puts the composed supergraph: beside the gateway's src/
 * (apps/gateway/supergraph.graphql, checked in; dist/apps/gateway/… after a build).
 */
export function supergraphPath(): string {
  return process.env['GATEWAY_SUPERGRAPH_FILE'] || path.resolve(__dirname, '..', '..', 'supergraph.graphql');
}

export function readSupergraph(): string {
  const file = supergraphPath();
  if (!fs.existsSync(file)) throw new Error(`no supergraph at ${file}: run npm run build (it composes the subgraphs' schema.graphql files)`);
  return fs.readFileSync(file, 'utf8');
}

/** The checked-in SDL of a subgraph: apps/<name>/schema.graphql. */
export function subgraphSchemaPath(repoRoot: string, name: SubgraphName): string {
  return path.join(repoRoot, 'apps', name, 'schema.graphql');
}
