import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { queryLimitsRule } from './query-limits';

const schema = buildSchema(`
  type Query { enterprise(id: ID!): Enterprise, enterprises(first: Int): Connection!, tags: [String!]! }
  type Connection { items: [Enterprise!]!, totalCount: Int! }
  type Enterprise { id: ID!, name: String!, reports(limit: Int): [Report!]!, owner: Enterprise }
  type Report { month: String!, lines: [Line!]! }
  type Line { line: String!, amountFen: String! }
`);

const limits = { maxDepth: 4, maxCost: 500, maxAliases: 3 };
const errors = (query: string) => validate(schema, parse(query), [...specifiedRules, queryLimitsRule(limits)]).map((e) => e.extensions['limitCode'] ?? e.message);
const measured = (query: string) => validate(schema, parse(query), [queryLimitsRule({ maxDepth: 0, maxCost: 0, maxAliases: -1 })]).map((e) => e.extensions);

describe('query limits', () => {
  it('lets a modest query through', () => {
    expect(errors('{ enterprise(id: "1") { id name reports(limit: 12) { month } } }')).toEqual([]);
  });

  it('measures depth through fragments and inline fragments', () => {
    const viaFragments = 'query { enterprise(id: "1") { ...E } } fragment E on Enterprise { owner { ... on Enterprise { owner { owner { id } } } } }';
    expect(measured(viaFragments)).toContainEqual(expect.objectContaining({ limitCode: 'QUERY_TOO_DEEP', depth: 5 }));
    expect(errors(viaFragments)).toContain('QUERY_TOO_DEEP');
  });

  it('multiplies lists by their page size, a connection\'s first sizing its items, and unsized lists by 20', () => {
    // enterprises 1 + items (1 + 10 × (id 1 + reports (1 + 2 × (month 1 + lines (1 + 20 × line 1))))) = 1 + 1 + 10 × 46
    expect(measured('{ enterprises(first: 10) { items { id reports(limit: 2) { month lines { line } } } } }')).toContainEqual(expect.objectContaining({ limitCode: 'QUERY_TOO_COSTLY', cost: 462 }));
    expect(errors('{ enterprises(first: 100) { items { id reports { month lines { line amountFen } } } } }')).toContain('QUERY_TOO_COSTLY');
  });

  it('counts aliases, including inside fragments', () => {
    expect(errors('{ a: tags b: tags c: tags }')).toEqual([]);
    expect(errors('{ a: tags b: tags ...F } fragment F on Query { c: tags d: tags }')).toContain('TOO_MANY_ALIASES');
  });

  it('survives a fragment cycle (the standard rules report it)', () => {
    expect(errors('{ enterprise(id: "1") { ...A } } fragment A on Enterprise { owner { ...B } } fragment B on Enterprise { owner { ...A } }').join(' ')).toMatch(/Cannot spread fragment/);
  });

  it('does not measure introspection', () => {
    expect(errors('{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }')).toEqual([]);
  });
});
