import type { FeedEvent, FeedEventKind } from './feed-event';

export interface FeedSubscriptionOptions {
  kinds: ReadonlySet<FeedEventKind>;
  /** Authorisation: events for which this is false are never queued for the subscriber. */
  visible: (event: FeedEvent) => boolean;
  /** Events held for a subscriber that does not keep up; one more ends the subscription. */
  maxQueued: number;
  /** Called once when the subscriber fell `maxQueued` events behind and was dropped. */
  onOverflow: (queued: number) => void;
}

/**
 * In-process fan-out of feed events to subscribers, each an async iterator
 * with a bounded queue. `publish` never waits for a subscriber: the Kafka
 * consumer keeps its pace whatever the sockets do, and a subscriber whose
 * socket cannot keep up is dropped instead of growing memory without bound.
 */
export class FeedPubSub {
  private readonly subscriptions = new Set<FeedSubscription>();

  get subscriberCount(): number {
    return this.subscriptions.size;
  }

  subscribe(options: FeedSubscriptionOptions): AsyncIterableIterator<FeedEvent> {
    const subscription = new FeedSubscription(options, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  publish(event: FeedEvent): number {
    let delivered = 0;
    for (const subscription of [...this.subscriptions]) if (subscription.offer(event)) delivered += 1;
    return delivered;
  }

  /** Ends every subscription: pending `next()` calls resolve as done. */
  close(): void {
    for (const subscription of [...this.subscriptions]) subscription.end();
  }
}

class FeedSubscription implements AsyncIterableIterator<FeedEvent> {
  private queue: FeedEvent[] = [];
  private waiting?: (result: IteratorResult<FeedEvent>) => void;
  private ended = false;

  constructor(
    private readonly options: FeedSubscriptionOptions,
    private readonly detach: () => void,
  ) {}

  /** Queues `event` if this subscriber wants and may see it; true if it did. */
  offer(event: FeedEvent): boolean {
    if (this.ended || !this.options.kinds.has(event.kind) || !this.options.visible(event)) return false;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: event, done: false });
      return true;
    }
    if (this.queue.length >= this.options.maxQueued) {
      const queued = this.queue.length;
      this.end();
      this.options.onOverflow(queued);
      return false;
    }
    this.queue.push(event);
    return true;
  }

  next(): Promise<IteratorResult<FeedEvent>> {
    const event = this.queue.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<FeedEvent>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<FeedEvent>> {
    this.end();
    return Promise.reject(error);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue = [];
    this.detach();
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<FeedEvent> {
    return this;
  }
}
