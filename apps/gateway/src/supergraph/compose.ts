import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, type SubgraphName } from '../gateway.config';

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`the subgraphs do not compose into one graph:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Composes the subgraphs' SDL into the supergraph (Federation 2), with their
 * local addresses; the gateway maps each name to its configured address.
 * Throws CompositionError naming every problem.
 */
export function composeSupergraph(sdlByName: Record<SubgraphName, string>): string {
  const services = SUBGRAPHS.map((s) => {
    const sdl = sdlByName[s.name];
    if (sdl === undefined) throw new CompositionError([`no SDL for the ${s.name} subgraph`]);
    try {
      return { name: s.name, url: s.localUrl, typeDefs: parse(sdl) };
    } catch (err) {
      throw new CompositionError([`the ${s.name} subgraph's SDL does not parse: ${err instanceof Error ? err.message : String(err)}`]);
    }
  });
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return result.supergraphSdl;
}
