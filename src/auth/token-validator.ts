import { verify } from 'node:crypto';
import { AppError } from '../errors';
import type { Caller } from '../service';
import { createJwksCache, type FetchLike } from './jwks-cache';
import { decodeJwt } from './jwt';

/** Options of {@link createTokenValidator}. */
export interface TokenValidatorOptions {
  /** accepted `aud` values: the Entra app's client id and/or its Application ID URI */
  readonly audience: string | readonly string[];
  /** expected `iss`; `{tenantid}` is replaced by the token's `tid` (multi-tenant Entra) */
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly fetch?: FetchLike;
  /** milliseconds since the epoch */
  readonly now?: () => number;
  /** tolerated clock difference for `exp`/`nbf`, seconds (default 60) */
  readonly clockSkewSeconds?: number;
  /** the delegated scope the tab's token must carry (default `access_as_user`) */
  readonly requiredScope?: string;
}

/** A caller proven by a valid token, with the display name the token carries. */
export type ValidatedCaller = Caller & { readonly name: string };

/** Validates Teams SSO bearer tokens. */
export interface TokenValidator {
  /** accepts `Bearer <jwt>` or the bare JWT; any failure is AppError `unauthenticated` */
  validate(bearer: string | undefined): Promise<ValidatedCaller>;
}

/**
 * Validates Teams SSO tokens (Entra v2 access tokens) with node:crypto: RS256 signature against
 * the JWKS, `iss`, `aud`, `exp`/`nbf`, `scp` and the presence of `tid` and `oid`. The role of the
 * caller is NOT taken from the token: the store decides that.
 *
 * @example
 * const validator = createTokenValidator({ audience: clientId, issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0', jwksUrl });
 * const caller = await validator.validate(req.headers.authorization);
 */
export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const now = options.now ?? Date.now;
  const skew = options.clockSkewSeconds ?? 60;
  const scope = options.requiredScope ?? 'access_as_user';
  const audiences = new Set(typeof options.audience === 'string' ? [options.audience] : options.audience);
  const keys = createJwksCache({
    jwksUrl: options.jwksUrl,
    fetch: options.fetch ?? (globalThis.fetch as FetchLike),
    now,
  });

  return {
    async validate(bearer) {
      const token = bearerToken(bearer);
      if (!token) throw refuse('no bearer token');
      const jwt = decodeJwt(token);
      if ('error' in jwt) throw refuse(jwt.error);
      if (jwt.header.alg !== 'RS256') throw refuse(`alg ${jwt.header.alg} is not RS256`);
      if (!jwt.header.kid) throw refuse('token header has no kid');
      const key = await keys.getKey(jwt.header.kid);
      if (!key) throw refuse(`unknown signing key ${jwt.header.kid}`);
      if (!verify('RSA-SHA256', Buffer.from(jwt.signingInput), key, jwt.signature)) throw refuse('bad signature');

      const c = jwt.payload;
      const tid = nonEmpty(c.tid);
      const oid = nonEmpty(c.oid);
      if (!tid || !oid) throw refuse('tid or oid missing');
      const expectedIssuer = options.issuer.replace(/\{tenantid\}/gi, tid);
      if (c.iss !== expectedIssuer) throw refuse(`issuer ${String(c.iss)} is not ${expectedIssuer}`);
      const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
      if (!aud.some((a) => typeof a === 'string' && audiences.has(a))) throw refuse(`audience ${String(c.aud)} not accepted`);
      const seconds = now() / 1000;
      if (typeof c.exp !== 'number') throw refuse('exp missing');
      if (c.exp + skew <= seconds) throw refuse('token expired');
      if (typeof c.nbf === 'number' && c.nbf - skew > seconds) throw refuse('token not yet valid (nbf)');
      const scopes = typeof c.scp === 'string' ? c.scp.split(' ') : [];
      if (!scopes.includes(scope)) throw refuse(`scp does not contain ${scope}`);

      const name = nonEmpty(c.name) ?? nonEmpty(c.preferred_username) ?? 'Unknown user';
      return { entraTenantId: tid, entraObjectId: oid, name };
    },
  };
}

function bearerToken(value: string | undefined): string | undefined {
  if (!value || /^\s*bearer\s*$/i.test(value)) return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(value);
  if (match) return match[1];
  return /\s/.test(value.trim()) ? undefined : value.trim() || undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function refuse(detail: string): AppError {
  return new AppError('unauthenticated', { detail: `token refused: ${detail}` });
}
