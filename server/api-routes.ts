import type restify from 'restify';
import { API_PREFIX, createApiHandler, errorResponse, MAX_BODY_BYTES, type ApiHandler, type RateLimitOptions } from '../src/api';
import { createDevIssuer, createTokenValidator, type DevIssuer, type TokenValidator } from '../src/auth';
import type { Config } from '../src/config';
import type { Logger } from '../src/logging';
import type { Clock, HaloImportService } from '../src/service';
import type { KeyValueStore } from '../src/store';
import { refuseDevAuth, registerDevAuth } from './dev-auth-routes';
import { readBody } from './read-body';
import { sendApiResponse } from './send-response';
import { registerStaticTab } from './static-tab';

/** What the API needs from the composition root. */
export interface ApiDeps {
  readonly config: Config;
  readonly service: HaloImportService;
  readonly logger: Logger;
  readonly clock?: Clock;
  /**
   * accepted so the composition root can pass its usual deps; unused: the rate limit is a
   * per-instance token bucket (a shared one would cost a database write per request)
   */
  readonly kv?: KeyValueStore;
  /** replaces the validator built from config (tests with their own key set) */
  readonly validator?: TokenValidator;
  readonly rateLimit?: RateLimitOptions;
  /** where the built tab is (default tab/dist) */
  readonly tabDir?: string;
}

/** What registerApi mounted, for tests and the start-up banner. */
export interface MountedApi {
  readonly handler: ApiHandler;
  /** the local issuer when AUTH_MODE=dev */
  readonly devIssuer: DevIssuer | undefined;
}

/**
 * Mounts the tab API (`/api/v1/*`), the static tab (`/tab/`) and, when AUTH_MODE=dev, the demo
 * sign-in (`/dev-auth/keys`, `POST /dev-auth/token`) on a restify server. A thin adapter: the
 * handler in src/api does the work; this reads the body itself (no bodyParser) so 413 is ours.
 */
export function registerApi(server: restify.Server, deps: ApiDeps): MountedApi {
  const { config, logger } = deps;
  const clock = deps.clock ?? Date.now;
  let devIssuer: DevIssuer | undefined;
  let validator = deps.validator;
  if (config.auth.mode === 'dev') {
    devIssuer = createDevIssuer({ issuer: config.auth.issuer, audience: config.auth.clientId, now: clock });
    const issuer = devIssuer;
    // The key set is served in-process: the server's public URL may not be reachable from itself.
    validator ??= createTokenValidator({
      audience: config.auth.clientId,
      issuer: config.auth.issuer,
      jwksUrl: config.auth.jwksUrl,
      now: clock,
      fetch: async () => ({ ok: true, status: 200, json: async () => issuer.jwks() }),
    });
    registerDevAuth(server, { issuer, service: deps.service, logger });
  } else {
    validator ??= createTokenValidator({
      audience: [config.auth.clientId, `api://${new URL(config.publicUrl).host}/${config.auth.clientId}`],
      issuer: config.auth.issuer,
      jwksUrl: config.auth.jwksUrl,
      now: clock,
    });
    refuseDevAuth(server, logger);
  }

  const handler = createApiHandler({ service: deps.service, validator, logger, clock, rateLimit: deps.rateLimit });
  const handle: restify.RequestHandler = (req, res, next) => {
    void respond(req, res, handler, logger).then(() => next(), next);
  };
  for (const path of [API_PREFIX, `${API_PREFIX}/*`]) {
    server.get(path, handle);
    server.head(path, handle);
    server.put(path, handle);
    server.post(path, handle);
    server.del(path, handle);
    server.patch(path, handle);
    server.opts(path, handle);
  }
  registerStaticTab(server, { tabDir: deps.tabDir });
  return { handler, devIssuer };
}

async function respond(req: restify.Request, res: restify.Response, handler: ApiHandler, logger: Logger): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  try {
    const { body, abandon } = await readBody(req, MAX_BODY_BYTES);
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const response = await handler({ method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, body });
    // a body we stopped reading leaves bytes on the socket: close it rather than reuse it
    sendApiResponse(res, response, abandon ? { connection: 'close' } : {});
  } catch (error) {
    sendApiResponse(res, errorResponse(error, url.pathname, logger), { connection: 'close' });
  }
}
