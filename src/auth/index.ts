/**
 * Sign-in: Teams SSO token validation against a JWKS, and the local dev issuer (AUTH_MODE=dev)
 * whose tokens go through the same validation.
 * @module
 */
export { createTokenValidator, type TokenValidator, type TokenValidatorOptions, type ValidatedCaller } from './token-validator';
export { createDevIssuer, type DevIssuer, type DevIssuerOptions, type DevTokenRequest } from './dev-issuer';
export { signJwt, decodeJwt } from './jwt';
export type { FetchLike } from './jwks-cache';
