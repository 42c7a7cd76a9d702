import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows the burst, then the sustained rate, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([0, 0, 0, 1]);
    expect(limiter.take('b')).toBe(0);
    now += 500; // one token back at 2 per second
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });

  it('forgets callers idle long enough to be full again', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 10, () => now);
    for (let i = 0; i < 100; i++) limiter.take(`caller-${i}`);
    expect(limiter.size).toBe(100);
    now += 61_000;
    limiter.take('someone');
    expect(limiter.size).toBe(1);
  });
});
