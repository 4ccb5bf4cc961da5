import { AppError } from '../errors';

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

/** How long one caller may wait for a slot. */
export interface AcquireOptions {
  /**
   * the longest wait this caller accepts (an interactive turn); when the slot would come later
   * the call fails at once with AppError `halo_rate_limited`. Default: wait as long as it takes
   */
  readonly maxWaitMs?: number;
}

/** A rolling-window limiter for one Halo host. */
export interface RateLimiter {
  /** resolves when one more request may be sent; callers are served first come, first served */
  acquire(options?: AcquireOptions): Promise<ReleaseSlot>;
  /** holds every caller back until `until` (after a 429 from this host) */
  pauseUntil(until: number): void;
  /**
   * the least time before `count` more requests (behind the callers already waiting) could all
   * be sent: 0 when they fit in the window now
   */
  waitForMs(count: number): number;
}

interface Waiter {
  readonly resolve: (release: ReleaseSlot) => void;
  readonly reject: (error: AppError) => void;
  /** the latest time this waiter accepts a slot; undefined waits for ever */
  readonly deadline: number | undefined;
  readonly maxWaitMs: number | undefined;
}

/**
 * Rolling-window limiter that cannot be out-counted by the server. Halo counts a request when
 * it arrives, which is somewhere between our send and our receipt of the answer, so a slot is
 * held while the request is in flight and freed only `windowMs` after its answer came back.
 * Then any `requests + 1` arrivals the server sees are at least a window apart, whatever the
 * latency did in between; the cost is one round trip of window shift, not throughput.
 *
 * Because slots free at known times, the limiter can tell a caller with a wait budget when its
 * slot would come, and refuse at once rather than keep a bot turn waiting for minutes.
 */
export function createRateLimiter(limit: RateLimit, timing: LimiterTiming): RateLimiter {
  const finished: number[] = [];
  const margin = Math.min(1000, Math.max(5, Math.round(limit.windowMs * 0.002)));
  const waiters: Waiter[] = [];
  let inFlight = 0;
  let pausedUntil = 0;
  let wakeAt = Number.POSITIVE_INFINITY;

  const prune = (now: number): void => {
    while (finished.length > 0 && (finished[0] as number) + limit.windowMs + margin <= now)
      finished.shift();
  };

  // When the slot of the waiter at `position` can be granted at the earliest. A slot still held
  // by a request in flight frees a window after its answer, which comes no sooner than now.
  const slotAt = (position: number, now: number): { at: number; known: boolean } => {
    const free = limit.requests - finished.length - inFlight;
    const beyond = position - free;
    if (beyond < 0) return { at: Math.max(now, pausedUntil), known: true };
    const freedBy = finished[beyond];
    return freedBy === undefined
      ? { at: Math.max(now + limit.windowMs + margin, pausedUntil), known: false }
      : { at: Math.max(freedBy + limit.windowMs + margin, pausedUntil), known: true };
  };

  const grant = (): ReleaseSlot => {
    inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inFlight--;
      finished.push(timing.now());
      pump();
    };
  };

  const pump = (): void => {
    const now = timing.now();
    prune(now);
    while (waiters.length > 0 && slotAt(0, now).at <= now) waiters.shift()?.resolve(grant());
    // a waiter whose slot would come after its deadline is told now, and those behind move up
    let position = 0;
    for (let i = 0; i < waiters.length; ) {
      const waiter = waiters[i] as Waiter;
      const slot = slotAt(position, now);
      if (waiter.deadline !== undefined && slot.at > waiter.deadline) {
        waiters.splice(i, 1);
        waiter.reject(rateLimitedError(slot.at - now, `no request slot within ${waiter.maxWaitMs} ms`));
      } else {
        i++;
        position++;
      }
    }
    let next = Number.POSITIVE_INFINITY;
    if (waiters.length > 0) {
      const head = slotAt(0, now);
      if (head.known) next = head.at;
    }
    for (const waiter of waiters) if (waiter.deadline !== undefined) next = Math.min(next, waiter.deadline);
    // an answer still to come wakes the pump through its release; only a known time needs a timer
    if (next < wakeAt && Number.isFinite(next)) {
      wakeAt = next;
      void timing.sleep(Math.max(0, next - now)).then(() => {
        if (wakeAt === next) wakeAt = Number.POSITIVE_INFINITY;
        pump();
      });
    }
  };

  return {
    acquire(options = {}) {
      return new Promise<ReleaseSlot>((resolve, reject) => {
        const maxWaitMs = options.maxWaitMs;
        const deadline = maxWaitMs === undefined ? undefined : timing.now() + Math.max(0, maxWaitMs);
        waiters.push({ resolve, reject, deadline, maxWaitMs });
        pump();
      });
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
      pump();
    },
    waitForMs(count) {
      if (count <= 0) return 0;
      const now = timing.now();
      prune(now);
      return slotAt(waiters.length + count - 1, now).at - now;
    },
  };
}

/**
 * The error of a wait longer than the caller accepts: says in seconds when to try again, so a
 * card or the tab can tell the admin, and sets `retryAfterSeconds` for the HTTP answer.
 */
export function rateLimitedError(waitMs: number, detail: string): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const when = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new AppError('halo_rate_limited', {
    message: `HaloPSA's request limit for this HaloPSA instance is reached for now. Try again in ${when}.`,
    retryAfterSeconds: seconds,
    detail: `${detail}; next slot in ${Math.round(waitMs)} ms`,
  });
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
