import { createRateLimiter } from '../../../src/api';

describe('createRateLimiter', () => {
  it.each([
    // capacity, refill/s, requests at t=0, expected allowed count
    [1, 1, 3, 1],
    [5, 1, 5, 5],
    [5, 1, 8, 5],
    [120, 4, 200, 120],
  ])('capacity %i, %i/s: of %i instant requests %i pass', (capacity, refillPerSecond, requests, allowed) => {
    const limiter = createRateLimiter({ capacity, refillPerSecond }, () => 0);
    const results = Array.from({ length: requests }, () => limiter.take('k').allowed);
    expect(results.filter(Boolean)).toHaveLength(allowed);
  });

  it.each([
    [1, 1],
    [0.5, 2],
    [4, 1],
  ])('at %f tokens/s an empty bucket says wait %i s', (refillPerSecond, wait) => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond }, () => 0);
    limiter.take('k');
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: wait });
  });

  it('refills over time and keeps keys apart', () => {
    let t = 0;
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 2 }, () => t);
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
    t = 500;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('drops idle buckets once there are too many, without forgetting a busy one', () => {
    let t = 0;
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 0.001, maxKeys: 3 }, () => t);
    expect(limiter.take('busy').allowed).toBe(true);
    for (const k of ['a', 'b', 'c', 'd', 'e']) limiter.take(k);
    t = 10;
    expect(limiter.take('busy').allowed).toBe(false);
  });
});
