/**
 * The HaloPSA client: auth discovery, token cache, paging, rate limit, address vetting and
 * typed errors, behind the core's `HaloGateway` port. The sandbox lives in `./sandbox`.
 * @module
 */
export { createHaloClient, type HaloClientOptions } from './halo-client';
export { normalizeTenant, resolveTarget, HOSTED_DOMAINS, type HaloTarget } from './base-url';
export {
  refusedAddressReason,
  vetHost,
  systemResolveHost,
  type ResolveHost,
  type ResolvedAddress,
} from './address-policy';
export { createPinnedFetch, type HaloFetch, type HaloFetchInit } from './pinned-fetch';
export type { RateLimit } from './rate-limiter';
