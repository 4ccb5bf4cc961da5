/** Requests allowed per rolling window. */
export interface RateLimit {
  readonly requests: number;
  readonly windowMs: number;
}

/** Clock and timer the limiter waits with; injected so tests run instantly. */
export interface LimiterTiming {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** A rolling-window limiter for one Halo host. */
export interface RateLimiter {
  /** resolves when one more request may be sent; callers are served first come, first served */
  acquire(): Promise<void>;
  /** holds every caller back until `until` (after a 429 from this host) */
  pauseUntil(until: number): void;
}

/**
 * Rolling-window limiter: remembers when the last `requests` requests were sent and lets the
 * next one go only once the oldest left the window. A small margin covers the time a request
 * spends on the wire, so Halo's own window never counts one request too many.
 */
export function createRateLimiter(limit: RateLimit, timing: LimiterTiming): RateLimiter {
  const sent: number[] = [];
  const margin = Math.min(1000, Math.max(20, Math.round(limit.windowMs * 0.01)));
  let pausedUntil = 0;
  let queue: Promise<void> = Promise.resolve();

  const takeSlot = async (): Promise<void> => {
    for (;;) {
      const now = timing.now();
      while (sent.length > 0 && (sent[0] as number) + limit.windowMs + margin <= now) sent.shift();
      const waitPause = pausedUntil - now;
      const waitWindow = sent.length < limit.requests ? 0 : (sent[0] as number) + limit.windowMs + margin - now;
      const wait = Math.max(waitPause, waitWindow);
      if (wait <= 0) {
        sent.push(now);
        return;
      }
      await timing.sleep(wait);
    }
  };

  return {
    acquire() {
      const slot = queue.then(takeSlot);
      queue = slot.catch(() => undefined);
      return slot;
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}

/** One limiter per Halo host (`host:port`), shared by every connection to that host. */
export function createLimiterRegistry(
  limit: RateLimit,
  timing: LimiterTiming,
): (host: string) => RateLimiter {
  const limiters = new Map<string, RateLimiter>();
  return (host) => {
    const key = host.toLowerCase();
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = createRateLimiter(limit, timing);
      limiters.set(key, limiter);
    }
    return limiter;
  };
}
