import type { FeedEvent, FeedEventKind } from './feed-event';
import { FeedPubSub, type FeedSubscriptionOptions } from './feed-pubsub';

function overdue(n: number, enterpriseId = 'ent-a'): FeedEvent {
  return { kind: 'REPORT_OVERDUE', eventId: `e${n}`, occurredAt: '2025-02-16T00:00:00.000Z', enterpriseId, month: '2025-01', deadline: '2025-02-15', detectedAt: '2025-02-16T00:00:00.000Z' };
}

function options(overrides: Partial<FeedSubscriptionOptions> = {}): FeedSubscriptionOptions {
  return { kinds: new Set<FeedEventKind>(['REPORT_OVERDUE']), visible: () => true, maxQueued: 10, onOverflow: () => undefined, ...overrides };
}

describe(FeedPubSub.name, () => {
  let sut: FeedPubSub;
  beforeEach(() => {
    sut = new FeedPubSub();
  });

  it('delivers published events in order, to a waiting and to a later reader', async () => {
    const iterator = sut.subscribe(options());
    const pending = iterator.next();
    sut.publish(overdue(1));
    sut.publish(overdue(2));
    expect((await pending).value).toMatchObject({ eventId: 'e1' });
    expect((await iterator.next()).value).toMatchObject({ eventId: 'e2' });
  });

  it('queues only the kinds asked for and the events the subscriber may see', async () => {
    const iterator = sut.subscribe(options({ visible: (e) => e.enterpriseId === 'ent-a' }));
    expect(sut.publish(overdue(1, 'ent-b'))).toBe(0);
    expect(sut.publish({ ...overdue(2), kind: 'QUOTA_ALERT_RAISED' } as unknown as FeedEvent)).toBe(0);
    expect(sut.publish(overdue(3, 'ent-a'))).toBe(1);
    expect((await iterator.next()).value).toMatchObject({ eventId: 'e3' });
  });

  it('drops a subscriber that falls more than maxQueued events behind, once, and frees its queue', async () => {
    const onOverflow = jest.fn();
    const iterator = sut.subscribe(options({ maxQueued: 3, onOverflow }));
    for (let n = 1; n <= 10; n++) sut.publish(overdue(n));
    expect(onOverflow).toHaveBeenCalledTimes(1);
    expect(onOverflow).toHaveBeenCalledWith(3);
    expect(sut.subscriberCount).toBe(0);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('ends a pending next() when the subscriber leaves, and forgets it', async () => {
    const iterator = sut.subscribe(options());
    const pending = iterator.next();
    expect(sut.subscriberCount).toBe(1);
    await iterator.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(sut.subscriberCount).toBe(0);
  });

  it('ends every subscription on close', async () => {
    const first = sut.subscribe(options());
    const second = sut.subscribe(options());
    const pending = [first.next(), second.next()];
    sut.close();
    expect(await Promise.all(pending)).toEqual([
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
    expect(sut.subscriberCount).toBe(0);
  });
});
