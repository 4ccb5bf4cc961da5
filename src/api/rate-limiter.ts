/** Options of {@link createRateLimiter}: a token bucket per key. */
export interface RateLimitOptions {
  /** the burst a caller may send at once (default 120) */
  readonly capacity?: number;
  /** tokens added per second (default 4) */
  readonly refillPerSecond?: number;
  /** buckets kept before idle (full) ones are dropped (default 10,000) */
  readonly maxKeys?: number;
}

/** Takes one token for a key; when none is left, says how long to wait. */
export interface RateLimiter {
  take(key: string): { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };
}

/**
 * Token bucket per caller. Pure apart from the injected clock; idle buckets are dropped once
 * there are many, so memory stays bounded however many callers come and go.
 */
export function createRateLimiter(options: RateLimitOptions, now: () => number): RateLimiter {
  const capacity = options.capacity ?? 120;
  const rate = options.refillPerSecond ?? 4;
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  function refill(bucket: { tokens: number; at: number }, t: number): void {
    bucket.tokens = Math.min(capacity, bucket.tokens + ((t - bucket.at) / 1000) * rate);
    bucket.at = t;
  }

  return {
    take(key) {
      const t = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) {
          for (const [k, b] of buckets) {
            refill(b, t);
            if (b.tokens >= capacity) buckets.delete(k);
          }
        }
        bucket = { tokens: capacity, at: t };
        buckets.set(key, bucket);
      }
      refill(bucket, t);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) };
    },
  };
}
