import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { signJwt } from './jwt';

/** Options of {@link createDevIssuer}. */
export interface DevIssuerOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly now?: () => number;
}

/** What the dev issuer signs. */
export interface DevTokenRequest {
  readonly oid: string;
  readonly tid: string;
  readonly name: string;
  /** default 3600 */
  readonly ttlSeconds?: number;
}

/** A local token issuer for AUTH_MODE=dev. */
export interface DevIssuer {
  /** the public key set, in the shape Entra publishes */
  jwks(): { keys: Record<string, unknown>[] };
  issue(request: DevTokenRequest): string;
}

/**
 * A local stand-in for Entra (AUTH_MODE=dev): a fresh RSA key pair per process, tokens shaped like
 * Teams SSO tokens. The API validates them with the same code as real ones, so the demo exercises
 * signature, issuer, audience, expiry and scope checks too.
 */
export function createDevIssuer(options: DevIssuerOptions): DevIssuer {
  const now = options.now ?? Date.now;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `dev-${randomUUID()}`;
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };

  return {
    jwks: () => ({ keys: [jwk] }),
    issue({ oid, tid, name, ttlSeconds = 3600 }) {
      const iat = Math.floor(now() / 1000);
      return signJwt(
        privateKey,
        { alg: 'RS256', typ: 'JWT', kid },
        {
          iss: options.issuer.replace(/\{tenantid\}/gi, tid),
          aud: options.audience,
          iat,
          nbf: iat,
          exp: iat + ttlSeconds,
          oid,
          tid,
          name,
          scp: 'access_as_user',
          ver: '2.0',
        },
      );
    },
  };
}
