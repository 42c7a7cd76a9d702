import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Kafka, Producer } from 'kafkajs';
import pino from 'pino';
import { Topics, type CloudEvent } from '@valley/contracts';
import type { Identity } from '@valley/platform';
import { createTestKafka, testKafkaBrokers, testKafkaSasl, waitFor } from '@valley/testing';
import { LiveFeed, SLOW_CONSUMER_CLOSE_CODE, type LiveFeedOptions } from '../../src/live-feed';
import { FeedClient, type Received } from '../support/feed-client';
import { feedEvents, publish, publishRaw } from '../support/feed-events';

type Item = Record<string, unknown> & { eventId: string; enterpriseId: string; kind: string };
type LogLine = Record<string, unknown> & { msg: string };

const A = randomUUID();
const B = randomUUID();
const C = randomUUID();
const identities: Record<string, Identity> = {
  admin: { subject: 'admin-1', role: 'park-admin' },
  'ent-a': { subject: 'user-a', role: 'enterprise', enterpriseId: A },
  'ent-c': { subject: 'user-c', role: 'enterprise', enterpriseId: C },
  applicant: { subject: 'user-new', role: 'enterprise' },
};

/** Stands in for the gateway's JWT check: a known test token maps to an identity, anything else throws. */
async function authenticate(params: Record<string, unknown> | undefined): Promise<Identity> {
  const header = params?.['authorization'];
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) throw Object.assign(new Error('no credentials'), { code: 'ERR_NO_CREDENTIALS' });
  const identity = identities[header.slice('Bearer '.length)];
  if (!identity) throw Object.assign(new Error('signature verification failed'), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  return identity;
}

const SUBSCRIPTIONS = {
  applicationSubmitted: 'subscription { applicationSubmitted { eventId kind occurredAt enterpriseId uscc name industry registeredCapitalFen plannedBandwidthMbps plannedMonthlyTrafficBytes headcount submittedAt } }',
  quotaAlertRaised: 'subscription { quotaAlertRaised { eventId kind occurredAt enterpriseId allocationId month thresholdPercent usedBytes includedBytes overagePolicy reachedAt } }',
  reportOverdue: 'subscription { reportOverdue { eventId kind occurredAt enterpriseId month deadline detectedAt } }',
  traineePlaced: 'subscription { traineePlaced { eventId kind occurredAt enterpriseId placementId programId traineeRef role startDate placedAt } }',
};
const PARK_FEED = 'subscription Feed($kinds: [FeedEventKind!]) { parkFeed(kinds: $kinds) { eventId kind enterpriseId ... on TraineePlacedEvent { traineeRef } } }';

interface Harness {
  feed: LiveFeed;
  http: Server;
  url: string;
  logs: LogLine[];
  /** The server's end of every TCP connection. */
  sockets: Socket[];
}

async function startFeed(overrides: Partial<LiveFeedOptions> = {}): Promise<Harness> {
  const logs: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const feed = new LiveFeed({ brokers: testKafkaBrokers(), sasl: testKafkaSasl('gateway'), clientId: 'gateway-test', logger, authenticate, production: false, ...overrides });
  await feed.start();
  const http = createServer((_req, res) => res.writeHead(404).end());
  const sockets: Socket[] = [];
  http.on('connection', (socket: Socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  feed.attach(http, '/graphql');
  return { feed, http, url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, logs, sockets };
}

async function stopHarness(h: Harness): Promise<void> {
  await h.feed.stop();
  await new Promise<void>((resolve) => h.http.close(() => resolve()));
}

const idsOf = (received: Received<Item>) => received.items.map((i) => i.eventId);
const has = (received: Received<Item>, events: CloudEvent[]) => events.every((e) => idsOf(received).includes(e.id));

describe(LiveFeed.name, () => {
  let h: Harness;
  let kafka: Kafka;
  let producer: Producer;
  const clients: FeedClient[] = [];

  const connect = async (token: string): Promise<FeedClient> => {
    const client = FeedClient.withToken(h.url, token);
    clients.push(client);
    await client.connected;
    return client;
  };
  /** Subscribes and waits until the server holds the subscriptions, so nothing produced after is missed. */
  const subscribed = async <T>(expectedTotal: number, make: () => T): Promise<T> => {
    const result = make();
    await waitFor(`${expectedTotal} subscriptions`, () => h.feed.subscriberCount === expectedTotal);
    return result;
  };

  beforeAll(async () => {
    h = await startFeed({ limits: { maxSubscriptionsPerConnection: 5, maxPayloadBytes: 16 * 1024, maxQueuedEventsPerSubscription: 200 } });
    kafka = createTestKafka('gateway-feed-test');
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await waitFor('no subscriptions left', () => h.feed.subscriberCount === 0);
  });

  afterAll(async () => {
    await producer?.disconnect();
    if (h) await stopHarness(h);
  });

  it('pushes all four kinds to a park administrator, with the documented fields', async () => {
    const admin = await connect('admin');
    const subs = await subscribed(4, () => ({
      applications: admin.subscribe<Item>(SUBSCRIPTIONS.applicationSubmitted),
      alerts: admin.subscribe<Item>(SUBSCRIPTIONS.quotaAlertRaised),
      overdue: admin.subscribe<Item>(SUBSCRIPTIONS.reportOverdue),
      placements: admin.subscribe<Item>(SUBSCRIPTIONS.traineePlaced),
    }));
    const application = feedEvents.applicationSubmitted(A);
    const alert = feedEvents.quotaAlert(B, 100);
    const overdue = feedEvents.reportOverdue(A);
    const placement = feedEvents.traineePlaced(B);
    await publish(producer, [application, alert, overdue, placement]);

    await waitFor('all four at the administrator', () => has(subs.applications, [application]) && has(subs.alerts, [alert]) && has(subs.overdue, [overdue]) && has(subs.placements, [placement]));
    expect(subs.applications.items.find((i) => i.eventId === application.id)).toEqual({ ...application.data, eventId: application.id, kind: 'APPLICATION_SUBMITTED', occurredAt: application.time });
    expect(subs.alerts.items.find((i) => i.eventId === alert.id)).toEqual({ ...alert.data, overagePolicy: 'THROTTLE', eventId: alert.id, kind: 'QUOTA_ALERT_RAISED', occurredAt: alert.time });
    expect(subs.overdue.items.find((i) => i.eventId === overdue.id)).toEqual({ ...overdue.data, eventId: overdue.id, kind: 'REPORT_OVERDUE', occurredAt: overdue.time });
    expect(subs.placements.items.find((i) => i.eventId === placement.id)).toEqual({ ...placement.data, eventId: placement.id, kind: 'TRAINEE_PLACED', occurredAt: placement.time });
    for (const sub of Object.values(subs)) expect(sub.errors).toEqual([]);
    expect(h.logs.some((l) => l.msg === 'live feed: event pushed' && l['eventId'] === alert.id && l['eventType'] === alert.type)).toBe(true);
  });

  it("shows an enterprise its own events and never another enterprise's, which the administrator did get", async () => {
    const admin = await connect('admin');
    const entA = await connect('ent-a');
    const { all, ownOne, ownPlacements } = await subscribed(3, () => ({
      all: admin.subscribe<Item>(PARK_FEED),
      ownOne: entA.subscribe<Item>(PARK_FEED),
      ownPlacements: entA.subscribe<Item>(SUBSCRIPTIONS.traineePlaced),
    }));
    const ofA = [feedEvents.applicationSubmitted(A), feedEvents.quotaAlert(A), feedEvents.reportOverdue(A), feedEvents.traineePlaced(A)];
    const ofB = [feedEvents.applicationSubmitted(B), feedEvents.quotaAlert(B), feedEvents.reportOverdue(B), feedEvents.traineePlaced(B)];
    await publish(producer, [...ofB, ...ofA]);

    await waitFor("the administrator has A's and B's events", () => has(all, [...ofA, ...ofB]));
    // Published after B's events reached the feed: once A sees it, B's would have arrived before it.
    const marker = feedEvents.reportOverdue(A);
    await publish(producer, [marker]);
    await waitFor("A has its own events and the marker", () => has(ownOne, [...ofA, marker]) && has(ownPlacements, [ofA[3]!]));

    expect(ownOne.items.every((i) => i.enterpriseId === A)).toBe(true);
    expect(idsOf(ownOne).filter((id) => ofB.some((e) => e.id === id))).toEqual([]);
    expect(idsOf(ownPlacements)).toEqual([ofA[3]!.id]);
    expect(ownOne.items.find((i) => i.kind === 'TRAINEE_PLACED')).toMatchObject({ traineeRef: (ofA[3]!.data as { traineeRef: string }).traineeRef });
  });

  it('refuses missing and invalid credentials with 4401, and an identity with nothing to watch with 4403', async () => {
    const anonymous = new FeedClient(h.url);
    const forged = FeedClient.withToken(h.url, 'forged');
    const applicant = FeedClient.withToken(h.url, 'applicant');
    clients.push(anonymous, forged, applicant);
    await expect(anonymous.closed).resolves.toEqual({ code: 4401, reason: 'Unauthorized' });
    await expect(forged.closed).resolves.toEqual({ code: 4401, reason: 'Unauthorized' });
    await expect(applicant.closed).resolves.toEqual({ code: 4403, reason: 'Forbidden' });
    const refusals = h.logs.filter((l) => l.msg === 'live feed: credentials refused');
    expect(refusals.map((l) => l['reason'])).toEqual(expect.arrayContaining(['ERR_NO_CREDENTIALS', 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED']));
  });

  it('skips and logs an event that breaks its contract, without its personal data, and keeps going', async () => {
    const admin = await connect('admin');
    const alerts = await subscribed(1, () => admin.subscribe<Item>(SUBSCRIPTIONS.quotaAlertRaised));
    const invalid = feedEvents.quotaAlert(A);
    const broken = { ...invalid, data: { ...invalid.data, thresholdPercent: 50, contactPhone: '13800138000' } };
    const after = feedEvents.quotaAlert(A);
    await publishRaw(producer, Topics.FlowUsageAlerts, A, JSON.stringify(broken));
    await publishRaw(producer, Topics.FlowUsageAlerts, A, '{"name":"张三","phone":"13800138000"');
    await publish(producer, [after]);

    await waitFor('the valid alert after the invalid records', () => has(alerts, [after]));
    expect(idsOf(alerts)).not.toContain(invalid.id);
    const skipped = h.logs.find((l) => l.msg === 'live feed: skipped an event that breaks its contract' && l['eventId'] === invalid.id);
    expect(skipped).toMatchObject({ eventType: 'valley.flow.quota-threshold-reached.v1', topic: Topics.FlowUsageAlerts });
    expect(String(skipped?.['reason'])).toMatch(/thresholdPercent|contactPhone/);
    expect(h.logs.some((l) => l.msg === 'live feed: skipped a record that is not JSON' && l['topic'] === Topics.FlowUsageAlerts)).toBe(true);
    expect(JSON.stringify(h.logs)).not.toMatch(/13800138000|张三/);
  });

  it('answers an unknown field with a GraphQL validation error and caps subscriptions per connection', async () => {
    const admin = await connect('admin');
    const unknown = admin.subscribe<Item>('subscription { quotaAlertRaised { eventId contactPhone } }');
    await waitFor('the validation error', () => unknown.errors.length > 0);
    expect(unknown.errors).toEqual([expect.objectContaining({ message: 'Cannot query field "contactPhone" on type "QuotaAlertEvent".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);

    const five = await subscribed(5, () => Array.from({ length: 5 }, () => admin.subscribe<Item>(SUBSCRIPTIONS.reportOverdue)));
    const sixth = admin.subscribe<Item>(SUBSCRIPTIONS.reportOverdue);
    await waitFor('the sixth refused', () => sixth.errors.length > 0);
    expect(sixth.errors).toEqual([expect.objectContaining({ message: 'at most 5 subscriptions per connection', extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } })]);
    expect(five.every((s) => s.errors.length === 0)).toBe(true);
    expect(h.feed.subscriberCount).toBe(5);
  });

  it('answers the scope query and closes a socket that sends more than maxPayload with 1009', async () => {
    const entA = await connect('ent-a');
    const scope = entA.subscribe<Record<string, unknown>>('{ feedScope { role enterpriseId } }');
    await waitFor('the scope', () => scope.completed);
    expect(scope.items).toEqual([{ role: 'ENTERPRISE', enterpriseId: A }]);

    entA.rawSocket.send(JSON.stringify({ id: 'big', type: 'subscribe', payload: { query: `subscription { reportOverdue { eventId } } #${'x'.repeat(20_000)}` } }));
    await expect(entA.closed).resolves.toMatchObject({ code: 1009 });
  });

  it('drops a subscriber that cannot keep up (1013) while the others get every event', async () => {
    const admin = await connect('admin');
    const slow = await connect('ent-c');
    const { fast, lagging } = await subscribed(2, () => ({
      fast: admin.subscribe<Item>(PARK_FEED, { kinds: ['APPLICATION_SUBMITTED'] }),
      lagging: slow.subscribe<Item>(SUBSCRIPTIONS.applicationSubmitted),
    }));
    // A peer that stops reading only stalls the server's writes once the OS buffers are
    // full (megabytes, and load-dependent); corking the server's end of that socket stalls
    // them at once, exactly as a full buffer would: ws's write callbacks stop coming.
    const serverSide = h.sockets.find((s) => s.remotePort === slow.localPort);
    if (!serverSide) throw new Error("the slow client's socket on the server was not found");
    serverSide.cork();
    const sent = Array.from({ length: 300 }, () => feedEvents.applicationSubmitted(C));
    await producer.send({ topic: Topics.EnterpriseLifecycle, acks: -1, messages: sent.map((e) => ({ key: C, value: JSON.stringify(e) })) });

    await waitFor('the fast subscriber got every event', () => has(fast, sent));
    await waitFor('the slow one dropped', () => h.logs.find((l) => l.msg === 'live feed: subscriber too slow, connection closed' && l['subject'] === 'user-c'));
    expect(h.logs.find((l) => l.msg === 'live feed: subscriber too slow, connection closed')).toMatchObject({ reason: '200 events queued for one subscription' });
    await waitFor('the slow subscription ended', () => h.feed.subscriberCount === 1);
    serverSide.uncork();
    await expect(slow.closed).resolves.toMatchObject({ code: SLOW_CONSUMER_CLOSE_CODE, reason: 'Subscriber too slow' });
    expect(lagging.items.length).toBeLessThan(sent.length);
  });
});

describe(`${LiveFeed.name} in production, stopping`, () => {
  it('hides the schema, then stop() closes the sockets, ends subscriptions and deletes its consumer group', async () => {
    const groupId = `valley-gateway-feed-test-${randomUUID()}`;
    const started = Date.now();
    const h = await startFeed({ production: true, groupId });
    const admin = FeedClient.withToken(h.url, 'admin');
    let stopped = false;
    try {
      expect(Date.now() - started).toBeLessThan(10_000);
      await admin.connected;
      const introspection = admin.subscribe('{ __schema { types { name } } }');
      const typo = admin.subscribe('subscription { reportOverdu { eventId } }');
      const live = admin.subscribe(SUBSCRIPTIONS.reportOverdue);
      await waitFor('errors and a live subscription', () => introspection.errors.length > 0 && typo.errors.length > 0 && h.feed.subscriberCount === 1);
      expect(introspection.errors).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/^GraphQL introspection has been disabled/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      expect(typo.errors).toEqual([expect.objectContaining({ message: 'Cannot query field "reportOverdu" on type "Subscription".' })]);

      const kafka = createTestKafka('gateway-feed-groups');
      const groups = async () => {
        const kadmin = kafka.admin();
        await kadmin.connect();
        try {
          return (await kadmin.listGroups()).groups.map((g) => g.groupId);
        } finally {
          await kadmin.disconnect();
        }
      };
      expect(await groups()).toContain(groupId);

      await stopHarness(h);
      stopped = true;
      await expect(admin.closed).resolves.toEqual({ code: 1001, reason: 'Going away' });
      expect(live.completed || live.errors.length > 0).toBe(true);
      expect(h.feed.subscriberCount).toBe(0);
      expect(h.feed.connectionCount).toBe(0);
      expect(await groups()).not.toContain(groupId);
      expect(h.logs.filter((l) => l.msg === 'live feed: consumer group not deleted')).toEqual([]);
    } finally {
      await admin.dispose();
      if (!stopped) await stopHarness(h);
    }
  });
});
