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

/** Call when the answer (or the failure) of a granted request is in. */
export type ReleaseSlot = () => void;

/** A rolling-window limiter for one Halo host. */
export interface RateLimiter {
  /** resolves when one more request may be sent; callers are served first come, first served */
  acquire(): Promise<ReleaseSlot>;
  /** holds every caller back until `until` (after a 429 from this host) */
  pauseUntil(until: number): void;
}

/**
 * Rolling-window limiter that cannot be out-counted by the server. Halo counts a request when
 * it arrives, which is somewhere between our send and our receipt of the answer, so a slot is
 * held while the request is in flight and freed only `windowMs` after its answer came back.
 * Then any `requests + 1` arrivals the server sees are at least a window apart, whatever the
 * latency did in between; the cost is one round trip of window shift, not throughput.
 */
export function createRateLimiter(limit: RateLimit, timing: LimiterTiming): RateLimiter {
  const finished: number[] = [];
  const margin = Math.min(1000, Math.max(5, Math.round(limit.windowMs * 0.002)));
  let inFlight = 0;
  let pausedUntil = 0;
  let queue: Promise<unknown> = Promise.resolve();
  let wake: (() => void) | undefined;

  const release = (): void => {
    inFlight--;
    finished.push(timing.now());
    wake?.();
  };

  const takeSlot = async (): Promise<ReleaseSlot> => {
    for (;;) {
      const now = timing.now();
      while (finished.length > 0 && (finished[0] as number) + limit.windowMs + margin <= now)
        finished.shift();
      const used = finished.length + inFlight;
      const waitPause = pausedUntil - now;
      if (used < limit.requests && waitPause <= 0) {
        inFlight++;
        let released = false;
        return () => {
          if (!released) {
            released = true;
            release();
          }
        };
      }
      if (waitPause > 0) {
        await timing.sleep(waitPause);
        continue;
      }
      // An answer coming back does not free a slot (it starts that slot's window), so the next
      // slot frees when the oldest finished request leaves the window; if none has finished
      // yet, the first answer tells when that will be.
      if (finished.length > 0) {
        await timing.sleep((finished[0] as number) + limit.windowMs + margin - now);
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
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
