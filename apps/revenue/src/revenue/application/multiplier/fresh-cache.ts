/**
 * A value read by a query that started after the caller asked: never older
 * than what was committed before the call. Callers that ask while a read is
 * running wait for the next one (which starts when the running one ends) and
 * share it, so under load one read serves many callers instead of one each.
 */
export class FreshRead<T> {
  private running?: Promise<T>;
  private queued?: Promise<T>;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.running) return this.start();
    // The running read may have started before this call: wait for the next.
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<T> {
    const read = this.read().finally(() => {
      if (this.running === read) this.running = undefined;
    });
    this.running = read;
    return read;
  }
}

/**
 * Values computed for a version of the data they come from, by key, the
 * `capacity` most recently used kept. A value is served only to a caller
 * holding the same version; callers of one key and version share one
 * computation, and a failed computation is forgotten.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: bigint; value: Promise<T> }>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`a cache holds at least one entry, not ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string, version: bigint, compute: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found && found.version === version) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, found);
      return found.value;
    }
    const value = compute();
    // A caller that read an older version than the one held computes for itself and keeps the newer entry.
    if (found && found.version > version) return value;
    const entry = { version, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}
