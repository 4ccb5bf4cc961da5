import { AppError, isAppError } from '../errors';
import type { Logger } from '../logging';
import type { HaloTarget } from './base-url';
import { sendHalo, type HttpDeps } from './halo-http';
import { authInfoSchema, errorBodySchema, tokenSchema } from './halo-schemas';

/** One connection's credentials and where they go. */
export interface SessionParams {
  readonly target: HaloTarget;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
}

interface CachedToken {
  readonly value: string;
  /** when to mint a new one: shortly before Halo's `expires_in` */
  readonly refreshAt: number;
}

/** Auth state of one connection: discovered auth server and the cached bearer token. */
export interface TokenSession {
  /**
   * a valid token, minting one if needed; concurrent callers share one request, which runs
   * under the wait deadline of the caller that started it (see `HaloRequest.waitUntil`)
   */
  token(waitUntil?: number): Promise<string>;
  /** forgets `used` if it is still the cached token (after a 401), so the next call mints */
  invalidate(used: string): void;
  /** the strings that must never be logged for this connection */
  secrets(): readonly string[];
}

/**
 * Creates the auth state of one connection. The auth server is discovered once with
 * `GET {base}/api/authinfo` (falling back to `{base}/auth`); tokens are minted with
 * client credentials and an explicit scope (a scopeless token is issued but then refused).
 */
export function createTokenSession(
  deps: HttpDeps,
  params: SessionParams,
  logger: Logger,
): TokenSession {
  let discovery: Promise<{ tokenUrl: string }> | undefined;
  let cached: CachedToken | undefined;
  let inflight: Promise<string> | undefined;
  const issued = new Set<string>();
  const secrets = (): string[] => [params.clientSecret, ...issued];

  const discover = async (waitUntil: number | undefined): Promise<{ tokenUrl: string }> => {
    const { baseUrl, tenant } = params.target;
    let authServer = `${baseUrl}/auth`;
    let tenantId = tenant;
    const res = await sendHalo(deps, {
      method: 'GET',
      url: `${baseUrl}/api/authinfo`,
      headers: { accept: 'application/json' },
      secrets: secrets(),
      waitUntil,
    }).catch((error: unknown) => {
      // transport failures would fail the token request the same way: report them now
      if (isAppError(error) && error.code === 'halo_server_error') return undefined;
      throw error;
    });
    const info = res && res.status === 200 ? authInfoSchema.safeParse(res.json) : undefined;
    if (info?.success && info.data.auth_url && isHttpUrl(info.data.auth_url)) {
      authServer = info.data.auth_url.replace(/\/+$/, '');
      tenantId ??= info.data.tenant_id?.trim() || undefined;
    } else {
      logger.info('halo authinfo unavailable, using the default auth server', {
        baseUrl,
        status: res?.status,
      });
    }
    const query = tenantId ? `?tenant=${encodeURIComponent(tenantId)}` : '';
    return { tokenUrl: `${authServer}/token${query}` };
  };

  const mint = async (waitUntil: number | undefined): Promise<string> => {
    discovery ??= discover(waitUntil).catch((error: unknown) => {
      discovery = undefined;
      throw error;
    });
    const { tokenUrl } = await discovery;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: params.clientId,
      client_secret: params.clientSecret,
      scope: params.scope,
    }).toString();
    const res = await sendHalo(deps, {
      method: 'POST',
      url: tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      secrets: secrets(),
      waitUntil,
    }).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'halo_server_error') {
        throw new AppError('halo_server_error', {
          message:
            'HaloPSA answered the token request with an internal error. This often means an unknown Client ID, an API application without an agent to log in as, or a missing Tenant ID. Check them in HaloPSA, then try again.',
          detail: error.detail,
        });
      }
      throw error;
    });
    if (res.status === 200) {
      const parsed = tokenSchema.safeParse(res.json);
      if (!parsed.success) {
        throw new AppError('halo_bad_response', {
          message: res.notJson
            ? 'HaloPSA answered the token request with a web page instead of data. Check the Base URL points at your HaloPSA instance.'
            : 'HaloPSA answered the token request without a token. Check the Base URL points at your HaloPSA instance.',
          detail: `token response not understood: ${res.excerpt}`,
        });
      }
      const lifetime = parsed.data.expires_in ?? 3600;
      const margin = Math.min(120, lifetime * 0.1) * 1000;
      issued.add(parsed.data.access_token);
      cached = {
        value: parsed.data.access_token,
        refreshAt: deps.now() + lifetime * 1000 - margin,
      };
      logger.debug('halo token minted', { expiresInSeconds: lifetime });
      return parsed.data.access_token;
    }
    throw tokenError(res.status, res.json, res.excerpt, params.target);
  };

  return {
    token(waitUntil) {
      if (cached && deps.now() < cached.refreshAt) return Promise.resolve(cached.value);
      inflight ??= mint(waitUntil).finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate(used) {
      if (cached?.value === used) cached = undefined;
    },
    secrets,
  };
}

/** Turns a refused token request into the error that tells the user what to fix. */
export function tokenError(
  status: number,
  json: unknown,
  excerpt: string,
  target: HaloTarget,
): AppError {
  const body = errorBodySchema.safeParse(json);
  const oauth = body.success ? (body.data.error ?? '').toLowerCase() : '';
  const words = body.success
    ? [body.data.error_description, body.data.Message, body.data.message, body.data.errorMessage]
        .filter(Boolean)
        .join(' ')
    : '';
  const detail = `token request answered ${status}: ${excerpt}`;
  if (oauth === 'invalid_scope') return new AppError('halo_invalid_scope', { detail });
  if (oauth.includes('tenant') || /tenant/i.test(words))
    return new AppError('halo_tenant_unknown', { detail });
  if (
    ['invalid_client', 'unauthorized_client', 'invalid_grant'].includes(oauth) ||
    status === 401
  ) {
    return new AppError('halo_invalid_client', { detail });
  }
  if (status === 403) return new AppError('halo_permission_denied', { detail });
  if (status === 404) {
    return target.derivedFromTenant
      ? new AppError('halo_tenant_unknown', { detail })
      : new AppError('halo_bad_response', {
          message:
            'There is no HaloPSA sign-in service at this Base URL. Check the Base URL points at your HaloPSA instance.',
          detail,
        });
  }
  if (status === 400) return new AppError('halo_invalid_client', { detail });
  return new AppError('halo_bad_response', { detail });
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
