import { FreshRead, VersionedCache } from './fresh-cache';

/** A read whose answers the test releases one by one. */
function controlledRead() {
  const pending: Array<{ resolve: (v: number) => void; reject: (e: Error) => void }> = [];
  let started = 0;
  const read = () =>
    new Promise<number>((resolve, reject) => {
      started += 1;
      pending.push({ resolve, reject });
    });
  return { read, pending, started: () => started };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FreshRead', () => {
  it('gives a caller who came while a read was running the next read, not the running one', async () => {
    const r = controlledRead();
    const fresh = new FreshRead(r.read);
    const first = fresh.get();
    expect(r.started()).toBe(1);
    const second = fresh.get();
    const third = fresh.get();
    expect(r.started()).toBe(1); // the next read waits for the running one
    r.pending[0]!.resolve(1);
    expect(await first).toBe(1);
    await tick();
    expect(r.started()).toBe(2);
    r.pending[1]!.resolve(2);
    expect(await second).toBe(2);
    expect(await third).toBe(2); // shared
    expect(r.started()).toBe(2);
  });

  it('starts a read of its own for a caller who comes when none is running', async () => {
    const r = controlledRead();
    const fresh = new FreshRead(r.read);
    const a = fresh.get();
    r.pending[0]!.resolve(7);
    expect(await a).toBe(7);
    const b = fresh.get();
    expect(r.started()).toBe(2);
    r.pending[1]!.resolve(8);
    expect(await b).toBe(8);
  });

  it('passes a failed read to its callers only, and the queued read still runs', async () => {
    const r = controlledRead();
    const fresh = new FreshRead(r.read);
    const failing = fresh.get();
    const queued = fresh.get();
    r.pending[0]!.reject(new Error('connection lost'));
    await expect(failing).rejects.toThrow('connection lost');
    await tick();
    r.pending[1]!.resolve(3);
    expect(await queued).toBe(3);
  });
});

describe('VersionedCache', () => {
  it('serves a value computed for the same version and computes again for another', async () => {
    const cache = new VersionedCache<string>(4);
    let computed = 0;
    const compute = (v: string) => () => {
      computed += 1;
      return Promise.resolve(v);
    };
    expect(await cache.get('park', 1n, compute('a'))).toBe('a');
    expect(await cache.get('park', 1n, compute('b'))).toBe('a');
    expect(computed).toBe(1);
    expect(await cache.get('park', 2n, compute('c'))).toBe('c');
    expect(await cache.get('park', 2n, compute('d'))).toBe('c');
    expect(computed).toBe(2);
  });

  it('shares one computation among the callers of a key and version', async () => {
    const cache = new VersionedCache<number>(4);
    let computed = 0;
    let release!: (n: number) => void;
    const compute = () => {
      computed += 1;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const answers = Array.from({ length: 10 }, () => cache.get('k', 5n, compute));
    release(42);
    expect(await Promise.all(answers)).toEqual(Array(10).fill(42));
    expect(computed).toBe(1);
  });

  it('forgets a failed computation', async () => {
    const cache = new VersionedCache<number>(4);
    await expect(cache.get('k', 1n, () => Promise.reject(new Error('timeout')))).rejects.toThrow('timeout');
    expect(await cache.get('k', 1n, () => Promise.resolve(9))).toBe(9);
  });

  it('keeps the newer entry when a caller holding an older version comes late', async () => {
    const cache = new VersionedCache<string>(4);
    await cache.get('k', 3n, () => Promise.resolve('new'));
    expect(await cache.get('k', 2n, () => Promise.resolve('old'))).toBe('old');
    expect(await cache.get('k', 3n, () => Promise.resolve('again'))).toBe('new');
  });

  it('keeps the most recently used keys up to its capacity', async () => {
    const cache = new VersionedCache<string>(2);
    await cache.get('a', 1n, () => Promise.resolve('a1'));
    await cache.get('b', 1n, () => Promise.resolve('b1'));
    await cache.get('a', 1n, () => Promise.resolve('unused')); // a is now the most recent
    await cache.get('c', 1n, () => Promise.resolve('c1')); // b goes
    expect(cache.size).toBe(2);
    expect(await cache.get('a', 1n, () => Promise.resolve('a2'))).toBe('a1');
    expect(await cache.get('b', 1n, () => Promise.resolve('b2'))).toBe('b2');
    expect(() => new VersionedCache(0)).toThrow('at least one entry');
  });
});
