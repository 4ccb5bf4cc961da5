/**
 * The tab's JSON API (spec §4) as a framework-free handler: the restify adapter in server/ only
 * moves bytes in and out.
 * @module
 */
export { createApiHandler, errorResponse, MAX_BODY_BYTES, type ApiHandler, type ApiHandlerOptions } from './api-handler';
export { header, type ApiRequest, type ApiResponse } from './http-types';
export { createRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limiter';
export { API_PREFIX } from './route-matching';
