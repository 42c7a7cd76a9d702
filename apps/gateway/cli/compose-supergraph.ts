/**
 * Part of `npm run build`: composes the subgraphs' checked-in SDL
 * (apps/<service>/schema.graphql) into apps/gateway/supergraph.graphql and
 * dist/apps/gateway/supergraph.graphql. Fails the build when they do not compose.
 * `--check` only verifies that the checked-in supergraph is up to date.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SUBGRAPHS, type SubgraphName } from '../src/gateway.config';
import { CompositionError, composeSupergraph } from '../src/supergraph/compose';
import { subgraphSchemaPath } from '../src/supergraph/supergraph-file';

const root = path.resolve(__dirname, '..', '..', '..');
const sdl = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, fs.readFileSync(subgraphSchemaPath(root, s.name), 'utf8')])) as Record<SubgraphName, string>;
try {
  const supergraph = composeSupergraph(sdl);
  const checkedIn = path.join(root, 'apps', 'gateway', 'supergraph.graphql');
  if (process.argv.includes('--check')) {
    if (!fs.existsSync(checkedIn) || fs.readFileSync(checkedIn, 'utf8') !== supergraph) {
      process.stderr.write('apps/gateway/supergraph.graphql is out of date: run npm run build and commit it\n');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(checkedIn, supergraph);
    const built = path.join(root, 'dist', 'apps', 'gateway');
    fs.mkdirSync(built, { recursive: true });
    fs.writeFileSync(path.join(built, 'supergraph.graphql'), supergraph);
  }
  process.stdout.write(`supergraph: ${SUBGRAPHS.map((s) => s.name).join(', ')} composed (${supergraph.length} bytes)\n`);
} catch (err) {
  process.stderr.write(`${err instanceof CompositionError ? err.message : String(err)}\n`);
  process.exit(1);
}
