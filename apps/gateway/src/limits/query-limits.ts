import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

export interface QueryLimits {
  /** Deepest field nesting (the operation's top-level fields are depth 1). */
  maxDepth: number;
  /** Every field costs 1, times the size of each list it sits in. */
  maxCost: number;
  /** Aliased fields in one operation (aliases multiply work without nesting). */
  maxAliases: number;
}

export interface QueryMeasure {
  depth: number;
  cost: number;
  aliases: number;
}

/** Arguments that bound a list's length; a list without one counts as this many. */
const PAGE_ARGUMENTS = new Set(['first', 'last', 'limit', 'take', 'pageSize', 'months']);
export const DEFAULT_LIST_SIZE = 20;

/**
 * Measures one operation: depth, cost, aliases — through fragments (each
 * spread measured where it is used). Introspection fields are not measured:
 * they are bounded by the schema, and off in production.
 */
export function measureOperation(schema: GraphQLSchema, selectionSet: SelectionSetNode, rootType: GraphQLCompositeType, fragments: Record<string, FragmentDefinitionNode>): QueryMeasure {
  // `inheritedPage`: a connection field's first/limit sizes the lists directly inside it (its items, edges).
  const measure = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined, inFragments: ReadonlySet<string>, inheritedPage?: number): QueryMeasure => {
    const total: QueryMeasure = { depth: 0, cost: 0, aliases: 0 };
    const add = (m: QueryMeasure, depthOffset: number, costFactor: number): void => {
      total.depth = Math.max(total.depth, m.depth + depthOffset);
      total.cost += m.cost * costFactor;
      total.aliases += m.aliases * costFactor;
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const { type, isList } = fieldType(parent, selection);
        const ownPage = pageArgument(selection);
        const listSize = isList ? (ownPage ?? inheritedPage ?? DEFAULT_LIST_SIZE) : 1;
        const child = selection.selectionSet ? measure(selection.selectionSet, type, inFragments, isList ? undefined : ownPage) : { depth: 0, cost: 0, aliases: 0 };
        total.depth = Math.max(total.depth, child.depth + 1);
        total.cost += 1 + child.cost * listSize;
        total.aliases += (selection.alias ? 1 : 0) + child.aliases;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? compositeType(schema, selection.typeCondition.name.value) : parent;
        add(measure(selection.selectionSet, type, inFragments, inheritedPage), 0, 1);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || inFragments.has(name)) continue; // unknown or cyclic: other rules report it
        add(measure(fragment.selectionSet, compositeType(schema, fragment.typeCondition.name.value), new Set([...inFragments, name]), inheritedPage), 0, 1);
      }
    }
    return total;
  };
  return measure(selectionSet, rootType, new Set());
}

function compositeType(schema: GraphQLSchema, name: string): GraphQLCompositeType | undefined {
  const type = schema.getType(name);
  return type && isCompositeType(type) ? type : undefined;
}

function fieldType(parent: GraphQLCompositeType | undefined, node: FieldNode): { type: GraphQLCompositeType | undefined; isList: boolean } {
  if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return { type: undefined, isList: false };
  const definition = parent.getFields()[node.name.value];
  if (!definition) return { type: undefined, isList: false };
  const named = getNamedType(definition.type);
  return { type: isCompositeType(named) ? named : undefined, isList: isListType(getNullableType(definition.type)) };
}

/** The literal page size a field asks for (first: 10); a variable's value is unknown here, so it counts as the default. */
function pageArgument(node: FieldNode): number | undefined {
  for (const arg of node.arguments ?? []) {
    if (PAGE_ARGUMENTS.has(arg.name.value)) {
      const n = intValue(arg.value);
      if (n !== undefined) return Math.max(1, n);
    }
  }
  return undefined;
}

function intValue(value: ValueNode): number | undefined {
  return value.kind === Kind.INT ? Number(value.value) : undefined;
}

/**
 * Apollo answers every validation error as GRAPHQL_VALIDATION_FAILED; the
 * gateway's error formatter puts this code in its place.
 */
export const LIMIT_CODE_EXTENSION = 'limitCode';

/**
 * A validation rule: refuses an operation over any limit before a subgraph is
 * asked anything, with a code the client can act on and the figures.
 */
export function queryLimitsRule(limits: QueryLimits): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of context.getDocument().definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    return {
      OperationDefinition(operation) {
        const schema = context.getSchema();
        const root = schema.getRootType(operation.operation);
        if (!root) return;
        const m = measureOperation(schema, operation.selectionSet, root, fragments);
        const name = operation.name ? ` ${operation.name.value}` : '';
        if (m.depth > limits.maxDepth) {
          context.reportError(new GraphQLError(`Operation${name} is nested ${m.depth} levels deep; the limit is ${limits.maxDepth}.`, { nodes: [operation], extensions: { limitCode: 'QUERY_TOO_DEEP', depth: m.depth, limit: limits.maxDepth } }));
        }
        if (m.aliases > limits.maxAliases) {
          context.reportError(new GraphQLError(`Operation${name} uses ${m.aliases} aliases; the limit is ${limits.maxAliases}.`, { nodes: [operation], extensions: { limitCode: 'TOO_MANY_ALIASES', aliases: m.aliases, limit: limits.maxAliases } }));
        }
        if (m.cost > limits.maxCost) {
          context.reportError(
            new GraphQLError(`Operation${name} would cost ${m.cost} (fields times list sizes; a list without first/limit counts as ${DEFAULT_LIST_SIZE}); the limit is ${limits.maxCost}.`, { nodes: [operation], extensions: { limitCode: 'QUERY_TOO_COSTLY', cost: m.cost, limit: limits.maxCost } }),
          );
        }
      },
    };
  };
}
