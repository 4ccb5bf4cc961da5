import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors';

const RETRY_AFTER_FAILURE_MS = 5_000;

const jwksSchema = z.object({
  keys: z.array(
    z.looseObject({ kty: z.string(), kid: z.string().optional(), use: z.string().optional(), n: z.string().optional(), e: z.string().optional() }),
  ),
});

/** Minimal fetch signature, so tests and the dev issuer can answer in-process. */
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

export interface JwksCacheOptions {
  readonly jwksUrl: string;
  readonly fetch: FetchLike;
  readonly now: () => number;
  /** an unknown kid triggers at most one refetch per this many ms (default 60 s) */
  readonly refetchIntervalMs?: number;
  readonly timeoutMs?: number;
}

/**
 * RSA signing keys by kid. Entra rotates keys without notice, so an unknown kid refetches the
 * set, but at most once a minute: a flood of tokens with made-up kids must not become a flood
 * of requests to the key server.
 */
export function createJwksCache(options: JwksCacheOptions): { getKey(kid: string): Promise<KeyObject | undefined> } {
  const interval = options.refetchIntervalMs ?? 60_000;
  let keys = new Map<string, KeyObject>();
  let fetchedAt: number | undefined;
  let inFlight: Promise<void> | undefined;
  let lastError: unknown;

  async function load(): Promise<void> {
    fetchedAt = options.now();
    let body: unknown;
    try {
      const res = await options.fetch(options.jwksUrl, { signal: AbortSignal.timeout(options.timeoutMs ?? 5_000) });
      if (!res.ok) throw new AppError('auth_keys_unavailable', { detail: `JWKS ${options.jwksUrl} answered HTTP ${res.status}` });
      body = await res.json();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('auth_keys_unavailable', { detail: `JWKS ${options.jwksUrl} failed: ${String(error)}`, cause: error });
    }
    const parsed = jwksSchema.safeParse(body);
    if (!parsed.success) throw new AppError('auth_keys_unavailable', { detail: `JWKS ${options.jwksUrl} is not a key set` });
    const next = new Map<string, KeyObject>();
    for (const jwk of parsed.data.keys) {
      if (jwk.kty !== 'RSA' || !jwk.kid || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
      try {
        next.set(jwk.kid, createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }));
      } catch {
        // one malformed key must not take the others down
      }
    }
    keys = next;
  }

  return {
    async getKey(kid) {
      const known = keys.get(kid);
      if (known) return known;
      const now = options.now();
      const due = fetchedAt === undefined || now - fetchedAt >= interval;
      if (!inFlight && due) {
        inFlight = load()
          .then(
            () => {
              lastError = undefined;
            },
            (error: unknown) => {
              lastError = error;
              // a failed fetch may be retried sooner than the refetch interval, but not per request
              fetchedAt = now - interval + RETRY_AFTER_FAILURE_MS;
            },
          )
          .finally(() => {
            inFlight = undefined;
          });
      }
      if (inFlight) await inFlight;
      const key = keys.get(kid);
      if (!key && lastError !== undefined) throw lastError;
      return key;
    },
  };
}
