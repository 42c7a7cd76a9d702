import * as fs from 'node:fs';
import * as path from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { REPO_ROOT } from '../../infra/local/paths';

export type SubgraphName = 'enterprise' | 'provisioning' | 'revenue' | 'talent';
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['enterprise', 'provisioning', 'revenue', 'talent'];

/** One subgraph request of the hand-written fan-out: the entry query, or an `_entities` fetch. */
export interface SubgraphFetch {
  subgraph: SubgraphName;
  query: string;
}

/**
 * A query as the portal sends it to the gateway, and the same data fetched
 * straight from the subgraphs the way the query plan does it: the entry
 * fetch, then one `_entities` fetch per other subgraph, in parallel.
 */
export interface BenchQuery {
  name: 'dashboard' | 'enterprise';
  gateway: string;
  entry: SubgraphFetch;
  /** Each selects `... on <entityType>` for the representation taken from the entry answer. */
  entities: SubgraphFetch[];
  entityType: 'ParkDashboard' | 'Enterprise';
  /** The field of the entry answer holding the entity (its `id` makes the representation). */
  rootField: 'parkDashboard' | 'enterprise';
}

const entities = (type: string, selection: string): string =>
  `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${type} { ${selection} } } }`;

const DASHBOARD_OWN = 'id residentCount residentsByStatus { status count } residentsByIndustry { industry count }';
const DASHBOARD_FLOW = 'poolUtilisation { name capacityMbps allocatedMbps utilisationPercent } quotaAlerts { enterpriseName industry thresholdPercent reachedAt } quotaAlertCount';
const DASHBOARD_REVENUE = 'revenueTotals { revenueFen inputFen multiplier enterprises } revenueByIndustry { key revenueFen inputFen multiplier } revenueMonthly(months: 12) { month revenueFen inputFen multiplier } overdueReports { enterpriseName month deadline } overdueReportCount';
const DASHBOARD_TALENT = 'talentTotals { trained completed placed placementRate }';

const ENTERPRISE_OWN = 'id name status industry';
const ENTERPRISE_FLOW = 'flowAllocation { status bandwidthMbps plan { name } } flowUsage { month usedBytes quotaPercent }';
const ENTERPRISE_REVENUE = 'revenueReports { month status } revenueMultiplier { revenueFen inputFen multiplier }';
const ENTERPRISE_TALENT = 'sponsoredPrograms { name } placements { role }';

/** The park dashboard, as a park administrator. */
export const DASHBOARD: BenchQuery = {
  name: 'dashboard',
  gateway: `{ parkDashboard { ${DASHBOARD_OWN} ${DASHBOARD_FLOW} ${DASHBOARD_REVENUE} ${DASHBOARD_TALENT} } }`,
  entry: { subgraph: 'enterprise', query: `{ parkDashboard { __typename ${DASHBOARD_OWN} } }` },
  entities: [
    { subgraph: 'provisioning', query: entities('ParkDashboard', DASHBOARD_FLOW) },
    { subgraph: 'revenue', query: entities('ParkDashboard', DASHBOARD_REVENUE) },
    { subgraph: 'talent', query: entities('ParkDashboard', DASHBOARD_TALENT) },
  ],
  entityType: 'ParkDashboard',
  rootField: 'parkDashboard',
};

/** One enterprise with everything the four services know of it, as that enterprise's own user. */
export const ENTERPRISE: BenchQuery = {
  name: 'enterprise',
  gateway: `query($id: ID!) { enterprise(id: $id) { ${ENTERPRISE_OWN} ${ENTERPRISE_FLOW} ${ENTERPRISE_REVENUE} ${ENTERPRISE_TALENT} } }`,
  entry: { subgraph: 'enterprise', query: `query($id: ID!) { enterprise(id: $id) { __typename ${ENTERPRISE_OWN} } }` },
  entities: [
    { subgraph: 'provisioning', query: entities('Enterprise', ENTERPRISE_FLOW) },
    { subgraph: 'revenue', query: entities('Enterprise', ENTERPRISE_REVENUE) },
    { subgraph: 'talent', query: entities('Enterprise', ENTERPRISE_TALENT) },
  ],
  entityType: 'Enterprise',
  rootField: 'enterprise',
};

export const QUERIES: readonly BenchQuery[] = [DASHBOARD, ENTERPRISE];

function subgraphSdl(name: SubgraphName): string {
  return fs.readFileSync(path.join(REPO_ROOT, 'apps', name, 'schema.graphql'), 'utf8');
}

/**
 * Checks every query text before any load: the gateway's against the API
 * schema of the supergraph composed from the subgraphs' checked-in SDL (what
 * `npm run build` composes), each direct fetch against its subgraph's own
 * schema. A field that went away fails the bench here, naming it, instead of
 * measuring fast error answers.
 */
export function validateQueries(queries: readonly BenchQuery[]): void {
  const composed = composeServices(SUBGRAPH_NAMES.map((name) => ({ name, url: `http://${name}.invalid/graphql`, typeDefs: parse(subgraphSdl(name)) })));
  if (composed.errors) throw new Error(`the subgraphs do not compose:\n  ${composed.errors.map((e) => e.message).join('\n  ')}`);
  const api = composed.schema.toAPISchema().toGraphQLJSSchema();
  const problems: string[] = [];
  const check = (what: string, schema: GraphQLSchema, text: string): void => {
    for (const e of validate(schema, parse(text))) problems.push(`${what}: ${e.message}`);
  };
  const subgraphs = new Map<SubgraphName, GraphQLSchema>(SUBGRAPH_NAMES.map((name) => [name, buildSchema(subgraphSdl(name), { assumeValidSDL: true })]));
  for (const q of queries) {
    check(`${q.name} (gateway)`, api, q.gateway);
    for (const f of [q.entry, ...q.entities]) check(`${q.name} (${f.subgraph} directly)`, subgraphs.get(f.subgraph)!, f.query);
  }
  if (problems.length > 0) throw new Error(`the bench's queries do not match the schema:\n  ${problems.join('\n  ')}`);
}
