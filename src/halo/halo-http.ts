import { AppError } from '../errors';
import type { Logger } from '../logging';
import { vetHost, type ResolveHost } from './address-policy';
import type { HaloFetch } from './pinned-fetch';
import { rateLimitedError, type RateLimiter } from './rate-limiter';

/** Collaborators and limits of the HTTP layer. */
export interface HttpDeps {
  readonly fetch: HaloFetch;
  readonly resolveHost: ResolveHost;
  readonly allowPrivateUrls: boolean;
  readonly limiterFor: (host: string) => RateLimiter;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly timeoutMs: number;
  /** retries of 5xx, network errors and timeouts */
  readonly maxRetries: number;
  /** waits after a 429 before giving up */
  readonly maxRateLimitWaits: number;
  readonly backoff: {
    readonly baseMs: number;
    readonly maxMs: number;
    readonly rateLimitBaseMs: number;
  };
  /** a Retry-After longer than this is not waited for: the caller gets halo_rate_limited */
  readonly maxRetryAfterMs: number;
  readonly logger: Logger;
}

/** One request as the client describes it. */
export interface HaloRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** strings that must never reach a message or log line (secret, tokens) */
  readonly secrets: readonly string[];
  /**
   * an interactive call's deadline (epoch ms): waiting for a rate-limit slot or out a 429 past it
   * fails at once with `halo_rate_limited` instead. Undefined: wait as long as the limits allow
   */
  readonly waitUntil?: number | undefined;
}

/** A response after retries: the status and the body, parsed when it is JSON. */
export interface HaloResponse {
  readonly status: number;
  readonly json: unknown;
  /** true when the body was not JSON (an HTML error or login page) */
  readonly notJson: boolean;
  /** the first characters of the body, secrets removed: for log-only details */
  readonly excerpt: string;
}

const MAX_REDIRECTS = 3;

/**
 * Sends one request: vets the address, waits for the host's rate limiter, applies the timeout,
 * retries 5xx/network errors with backoff, waits out 429s (Retry-After, else exponential
 * backoff with jitter) and follows only same-origin redirects of GETs. Returns every other
 * status for the caller to interpret; throws `halo_*` AppErrors for what it gave up on.
 */
export async function sendHalo(deps: HttpDeps, req: HaloRequest): Promise<HaloResponse> {
  let url = req.url;
  let failures = 0;
  let rateWaits = 0;
  let redirects = 0;
  for (;;) {
    const target = await vetUrl(deps, url);
    const limiter = deps.limiterFor(target.host);
    const release = await limiter.acquire(
      req.waitUntil === undefined ? {} : { maxWaitMs: Math.max(0, req.waitUntil - deps.now()) },
    );
    const started = deps.now();
    const signal = AbortSignal.timeout(deps.timeoutMs);
    let res: HaloResponse & { retryAfter: string | null; location: string | null };
    try {
      const response = await deps.fetch(url, {
        method: req.method,
        headers: req.headers,
        ...(req.body === undefined ? {} : { body: req.body }),
        signal,
        redirect: 'manual',
      });
      const text = await response.text();
      release();
      res = {
        ...readBody(text, req.secrets),
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        location: response.headers.get('location'),
      };
    } catch (cause) {
      release();
      if (cause instanceof AppError) throw cause;
      const timedOut = signal.aborted;
      const why = timedOut ? `no answer within ${deps.timeoutMs} ms` : describeNetworkError(cause);
      deps.logger.warn('halo request failed', {
        method: req.method,
        url: logUrl(target),
        attempt: failures + 1,
        why: scrub(why, req.secrets),
      });
      if (failures < deps.maxRetries) {
        await deps.sleep(backoffMs(deps, failures++, deps.backoff.baseMs));
        continue;
      }
      throw new AppError(timedOut ? 'halo_timeout' : 'halo_unreachable', {
        detail: `${req.method} ${logUrl(target)}: ${scrub(why, req.secrets)} after ${failures + 1} attempts`,
      });
    }
    deps.logger.debug('halo request', {
      method: req.method,
      url: logUrl(target),
      status: res.status,
      ms: deps.now() - started,
    });

    if (res.status === 429) {
      const wait =
        retryAfterMs(res.retryAfter, deps.now()) ??
        backoffMs(deps, rateWaits, deps.backoff.rateLimitBaseMs);
      const pastDeadline = req.waitUntil !== undefined && deps.now() + wait > req.waitUntil;
      if (rateWaits >= deps.maxRateLimitWaits || wait > deps.maxRetryAfterMs || pastDeadline) {
        throw rateLimitedError(
          wait,
          `429 from ${logUrl(target)} after ${rateWaits} waits${pastDeadline ? ', past the wait budget of an interactive call' : ''}`,
        );
      }
      rateWaits++;
      deps.logger.warn('halo rate limit reached, waiting', {
        url: logUrl(target),
        waitMs: wait,
        retryAfter: res.retryAfter,
      });
      limiter.pauseUntil(deps.now() + wait);
      continue;
    }
    if (res.status >= 500) {
      if (failures < deps.maxRetries) {
        deps.logger.warn('halo server error, retrying', {
          url: logUrl(target),
          status: res.status,
          attempt: failures + 1,
        });
        await deps.sleep(backoffMs(deps, failures++, deps.backoff.baseMs));
        continue;
      }
      throw new AppError('halo_server_error', {
        detail: `${req.method} ${logUrl(target)} answered ${res.status} ${res.notJson ? 'with a non-JSON page' : ''} after ${failures + 1} attempts: ${res.excerpt}`,
      });
    }
    if (res.status >= 300 && res.status < 400) {
      const next = await redirectTarget(deps, target, res.location, req);
      if (++redirects > MAX_REDIRECTS) {
        throw new AppError('halo_bad_response', {
          detail: `more than ${MAX_REDIRECTS} redirects from ${logUrl(target)}`,
        });
      }
      url = next;
      continue;
    }
    return res;
  }
}

/** Checks scheme and (unless private URLs are allowed) every resolved address of a URL. */
async function vetUrl(deps: HttpDeps, raw: string): Promise<URL> {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && !(deps.allowPrivateUrls && url.protocol === 'http:')) {
    throw new AppError('halo_url_refused', {
      message: `The HaloPSA address ${url.origin} is not allowed: only https:// addresses are.`,
    });
  }
  if (!deps.allowPrivateUrls) await vetHost(url.hostname, deps.resolveHost);
  return url;
}

// A redirect elsewhere would carry the bearer token (or the secret) to a host the user never
// entered, so only same-origin GET redirects are followed; the rest tell the user where to point.
async function redirectTarget(
  deps: HttpDeps,
  from: URL,
  location: string | null,
  req: HaloRequest,
): Promise<string> {
  if (location === null)
    throw new AppError('halo_bad_response', {
      detail: `redirect without Location from ${logUrl(from)}`,
    });
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new AppError('halo_bad_response', { detail: `unparsable redirect from ${logUrl(from)}` });
  }
  await vetUrl(deps, next.href);
  if (next.origin !== from.origin || req.method !== 'GET') {
    throw new AppError('halo_url_refused', {
      message: `HaloPSA redirected ${from.origin} to ${next.origin}. If that is your HaloPSA, enter ${next.origin} as the Base URL.`,
      detail: `${req.method} ${logUrl(from)} redirected to ${logUrl(next)}`,
    });
  }
  return next.href;
}

function readBody(
  text: string,
  secrets: readonly string[],
): Pick<HaloResponse, 'json' | 'notJson' | 'excerpt'> {
  const excerpt = scrub(text.slice(0, 300), secrets);
  const trimmed = text.trimStart();
  if (trimmed === '') return { json: undefined, notJson: false, excerpt };
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
    try {
      return { json: JSON.parse(text) as unknown, notJson: false, excerpt };
    } catch {
      return { json: undefined, notJson: true, excerpt };
    }
  }
  return { json: undefined, notJson: true, excerpt };
}

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date), if it has one. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter: base·2^attempt capped, then scaled into [50 %, 100 %]. */
export function backoffMs(
  deps: Pick<HttpDeps, 'random' | 'backoff'>,
  attempt: number,
  baseMs: number,
): number {
  const ceiling = Math.min(deps.backoff.maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling * (0.5 + deps.random() * 0.5));
}

/** Removes every secret from a text bound for a detail or a log line. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}

function logUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function describeNetworkError(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? cause.cause : undefined;
  const code =
    (inner as NodeJS.ErrnoException | undefined)?.code ?? (cause as NodeJS.ErrnoException).code;
  return `${cause.message}${inner ? ` (${inner.message})` : ''}${code ? ` [${code}]` : ''}`;
}
