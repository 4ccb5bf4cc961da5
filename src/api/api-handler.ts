import { AppError, toAppError } from '../errors';
import type { Logger } from '../logging';
import type { Clock, HaloImportService } from '../service';
import type { TokenValidator } from '../auth';
import { header, type ApiRequest, type ApiResponse } from './http-types';
import { createRateLimiter, type RateLimitOptions } from './rate-limiter';
import { matchRoute } from './route-matching';
import { routes } from './routes';

/** 1 MiB: an import of 50,000 ids is well under it. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Options of {@link createApiHandler}. */
export interface ApiHandlerOptions {
  readonly service: HaloImportService;
  readonly validator: TokenValidator;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly rateLimit?: RateLimitOptions;
  readonly maxBodyBytes?: number;
}

/** The framework-free API: one request in, one response out, never a throw. */
export type ApiHandler = (req: ApiRequest) => Promise<ApiResponse>;

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/**
 * Builds the tab API of spec §4: route -> body size -> token -> rate limit -> caller from the
 * store -> role -> service. Every failure becomes `{error:{code,message}}` here, once, with the
 * status of its catalog code; the log gets the detail, the caller never does.
 *
 * @example
 * const handle = createApiHandler({ service, validator, logger });
 * const res = await handle({ method: 'GET', path: '/api/v1/me', query: {}, headers, body: undefined });
 */
export function createApiHandler(options: ApiHandlerOptions): ApiHandler {
  const clock = options.clock ?? Date.now;
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const limiter = createRateLimiter(options.rateLimit ?? {}, clock);
  const { service, validator, logger } = options;

  return async function handleApiRequest(req) {
    const started = clock();
    let route: string = req.path;
    try {
      const match = matchRoute(routes, req.method, req.path);
      if (!match) throw new AppError('route_not_found', { detail: `${req.method} ${req.path}` });
      route = `${match.route.method} ${match.route.pattern}`;
      if (req.body && req.body.length > limit) {
        throw new AppError('payload_too_large', {
          message: `The request body is larger than ${Math.round(limit / 1024)} KB. Send fewer users per import.`,
        });
      }
      const caller = await validator.validate(header(req, 'authorization'));
      const taken = limiter.take(`${caller.entraTenantId}:${caller.entraObjectId}`);
      if (!taken.allowed) {
        throw new AppError('rate_limited', {
          message: `Too many requests. Wait ${taken.retryAfterSeconds} seconds and try again.`,
          retryAfterSeconds: taken.retryAfterSeconds,
        });
      }
      const principal = await service.resolveCaller(caller);
      if (!match.route.roles.includes(principal.role)) {
        throw new AppError('reseller_admin_only', { detail: `${principal.role} ${principal.adminId} refused ${route}` });
      }
      const result = await match.route.run({ service, principal, params: match.params, req });
      logger.debug('api request', { route, status: result.status, ms: clock() - started });
      return {
        status: result.status,
        headers: BASE_HEADERS,
        body: result.body === undefined ? undefined : JSON.stringify(result.body),
      };
    } catch (thrown) {
      return errorResponse(thrown, route, logger);
    }
  };
}

/** Maps anything thrown to the API error shape. Exported for the adapter (413 before reading). */
export function errorResponse(thrown: unknown, route: string, logger: Logger): ApiResponse {
  const error = toAppError(thrown);
  const fields = { route, code: error.code, status: error.status, detail: error.detail };
  if (error.status >= 500) logger.error('api request failed', fields);
  else logger.info('api request refused', fields);
  const headers: Record<string, string> = { ...BASE_HEADERS };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfterSeconds));
  if (error.status === 401) headers['www-authenticate'] = 'Bearer';
  return { status: error.status, headers, body: JSON.stringify(error.toJSON()) };
}
