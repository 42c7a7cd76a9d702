import {
  GraphQLEnumType,
  GraphQLID,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  type GraphQLNullableType,
} from 'graphql';
import type { FeedScope } from './feed-access.policy';
import { FEED_EVENT_KINDS, type FeedEvent, type FeedEventKind } from './feed-event';

/** What every live-feed resolver gets: the subscriber's scope and a way to subscribe within it. */
export interface FeedContext {
  scope: FeedScope;
  /** An iterator of the `kinds` this subscriber may see, ended when the connection closes or falls behind. */
  subscribe(kinds: ReadonlySet<FeedEventKind>): AsyncIterableIterator<FeedEvent>;
}

const nonNull = <T extends GraphQLNullableType>(type: T) => new GraphQLNonNull(type);
const id = { type: nonNull(GraphQLID) };
const text = (description?: string) => ({ type: nonNull(GraphQLString), description });
const int = { type: nonNull(GraphQLInt) };

/** Same wire form as the subgraphs' DateTime: an ISO-8601 UTC string. */
const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'ISO-8601 UTC instant, e.g. 2025-02-16T01:00:00.000Z',
  serialize: (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Date) return value.toISOString();
    throw new TypeError('DateTime: expected an ISO string or a Date');
  },
  parseValue: (value) => {
    if (typeof value !== 'string') throw new TypeError('DateTime: expected an ISO string');
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('DateTime: expected an ISO string');
    return ast.value;
  },
});
const instant = { type: nonNull(DateTime) };

const FeedEventKindEnum = new GraphQLEnumType({
  name: 'FeedEventKind',
  values: {
    APPLICATION_SUBMITTED: { description: 'valley.enterprise.application-submitted.v1' },
    QUOTA_ALERT_RAISED: { description: 'valley.flow.quota-threshold-reached.v1' },
    REPORT_OVERDUE: { description: 'valley.revenue.report-overdue.v1' },
    TRAINEE_PLACED: { description: 'valley.talent.trainee-placed.v1' },
  },
});

const commonFields = () => ({
  eventId: { ...id, description: 'the CloudEvents id (uuid): the same event seen twice has the same id' },
  kind: { type: nonNull(FeedEventKindEnum) },
  occurredAt: { ...instant, description: 'the CloudEvents time' },
  enterpriseId: { ...id, description: 'the enterprise the event is about' },
});

const ParkEvent = new GraphQLInterfaceType({
  name: 'ParkEvent',
  description: 'One event of the live feed.',
  fields: commonFields,
  resolveType: (event: FeedEvent) => TypeOfKind[event.kind].name,
});

const eventType = (name: string, description: string, fields: GraphQLFieldConfigMap<FeedEvent, FeedContext>) =>
  new GraphQLObjectType<FeedEvent, FeedContext>({ name, description, interfaces: [ParkEvent], fields: () => ({ ...commonFields(), ...fields }) });

const ApplicationSubmittedEvent = eventType('ApplicationSubmittedEvent', 'An enterprise applied to move into the park.', {
  uscc: text('unified social credit code'),
  name: text(),
  industry: text(),
  registeredCapitalFen: text('integer fen as a decimal string'),
  plannedBandwidthMbps: int,
  plannedMonthlyTrafficBytes: text('integer bytes as a decimal string'),
  headcount: int,
  submittedAt: instant,
});

const OveragePolicy = new GraphQLEnumType({ name: 'OveragePolicy', values: { BLOCK: { value: 'block' }, THROTTLE: { value: 'throttle' }, BILL: { value: 'bill' } } });

const QuotaAlertEvent = eventType('QuotaAlertEvent', 'An allocation used 80 or 100 percent of its monthly included traffic.', {
  allocationId: id,
  month: text('YYYY-MM, Asia/Shanghai'),
  thresholdPercent: { ...int, description: '80 or 100' },
  usedBytes: text('integer bytes as a decimal string'),
  includedBytes: text('integer bytes as a decimal string'),
  overagePolicy: { type: nonNull(OveragePolicy) },
  reachedAt: instant,
});

const ReportOverdueEvent = eventType('ReportOverdueEvent', 'A resident had not reported a month by its deadline.', {
  month: text('YYYY-MM, Asia/Shanghai'),
  deadline: text('YYYY-MM-DD, Asia/Shanghai'),
  detectedAt: instant,
});

const TraineePlacedEvent = eventType('TraineePlacedEvent', 'A trainee was hired by a resident; enterpriseId is the employer.', {
  placementId: id,
  programId: id,
  traineeRef: { ...id, description: 'pseudonymous trainee id (trn_…)' },
  role: text('the job taken'),
  startDate: text('YYYY-MM-DD'),
  placedAt: instant,
});

const TypeOfKind: Record<FeedEventKind, GraphQLObjectType> = {
  APPLICATION_SUBMITTED: ApplicationSubmittedEvent,
  QUOTA_ALERT_RAISED: QuotaAlertEvent,
  REPORT_OVERDUE: ReportOverdueEvent,
  TRAINEE_PLACED: TraineePlacedEvent,
};

const FeedRole = new GraphQLEnumType({ name: 'FeedRole', values: { PARK_ADMIN: { value: 'park' }, ENTERPRISE: { value: 'enterprise' } } });

const FeedScopeType = new GraphQLObjectType<FeedScope>({
  name: 'FeedScope',
  description: 'What this connection is shown: the whole park, or one enterprise.',
  fields: {
    role: { type: nonNull(FeedRole), resolve: (scope) => scope.kind },
    enterpriseId: { type: GraphQLID, description: 'null for the whole park', resolve: (scope) => (scope.kind === 'enterprise' ? scope.enterpriseId : null) },
  },
});

/** A subscription field of one kind: the event itself is the payload. */
function subscriptionOf(kind: FeedEventKind, description: string): GraphQLFieldConfig<FeedEvent, FeedContext> {
  return {
    type: nonNull(TypeOfKind[kind]),
    description,
    subscribe: (_root, _args, context: FeedContext) => context.subscribe(new Set([kind])),
    resolve: (event) => event,
  };
}

/**
 * The live feed's own schema (served over graphql-ws, apart from the federated
 * one). Every field sees only what the connection's identity may see.
 */
export function createFeedSchema(): GraphQLSchema {
  return new GraphQLSchema({
    query: new GraphQLObjectType<unknown, FeedContext>({
      name: 'Query',
      fields: { feedScope: { type: nonNull(FeedScopeType), description: 'What this connection is shown.', resolve: (_root, _args, context) => context.scope } },
    }),
    subscription: new GraphQLObjectType<FeedEvent, FeedContext>({
      name: 'Subscription',
      fields: {
        applicationSubmitted: subscriptionOf('APPLICATION_SUBMITTED', 'New applications (an enterprise user: its own).'),
        quotaAlertRaised: subscriptionOf('QUOTA_ALERT_RAISED', 'Quota thresholds reached (an enterprise user: its own allocations).'),
        reportOverdue: subscriptionOf('REPORT_OVERDUE', 'Overdue revenue reports (an enterprise user: its own).'),
        traineePlaced: subscriptionOf('TRAINEE_PLACED', 'Placements (an enterprise user: those it is the employer of).'),
        parkFeed: {
          type: nonNull(ParkEvent),
          description: 'All of the above in one stream, or the `kinds` asked for.',
          args: { kinds: { type: new GraphQLList(nonNull(FeedEventKindEnum)), description: 'default: every kind' } },
          subscribe: (_root, args: { kinds?: FeedEventKind[] | null }, context: FeedContext) =>
            context.subscribe(new Set(args.kinds && args.kinds.length > 0 ? args.kinds : FEED_EVENT_KINDS)),
          resolve: (event: FeedEvent) => event,
        },
      },
    }),
    types: Object.values(TypeOfKind),
  });
}
