import * as fs from 'node:fs';
import * as path from 'node:path';
import { SUBGRAPHS, type SubgraphName } from '../../src/gateway.config';
import { composeSupergraph } from '../../src/supergraph/compose';
import { subgraphSchemaPath } from '../../src/supergraph/supergraph-file';
import { Park } from '../support/park';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** `npm run schema:update` sets it: the running subgraphs' SDL is written instead of compared. */
const UPDATE = process.env['VALLEY_UPDATE_SCHEMA'] === '1';

describe('the supergraph the build composes', () => {
  let park: Park;
  const live = {} as Record<SubgraphName, string>;

  beforeAll(async () => {
    park = await Park.start();
    for (const s of SUBGRAPHS) live[s.name] = await park.subgraphSdl(s.name);
    if (UPDATE) {
      for (const s of SUBGRAPHS) fs.writeFileSync(subgraphSchemaPath(ROOT, s.name), live[s.name]);
      fs.writeFileSync(path.join(ROOT, 'apps', 'gateway', 'supergraph.graphql'), composeSupergraph(live));
    }
  });

  afterAll(async () => {
    await park?.stop();
  });

  it.each(SUBGRAPHS.map((s) => s.name))('has the SDL the %s subgraph serves checked in (npm run schema:update refreshes it)', (name) => {
    expect(live[name]).toEqual(fs.readFileSync(subgraphSchemaPath(ROOT, name), 'utf8'));
  });

  it('composes the running subgraphs into the checked-in supergraph', () => {
    expect(composeSupergraph(live)).toEqual(fs.readFileSync(path.join(ROOT, 'apps', 'gateway', 'supergraph.graphql'), 'utf8'));
  });
});
