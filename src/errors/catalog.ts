/**
 * The error catalog: every failure the product can report, with its HTTP status and the
 * default words a user sees. Callers branch on `code`, never on message text.
 * @module
 */
export const errorCatalog = {
  bad_request: { status: 400, message: 'The request is not valid. Check the fields and try again.' },
  idempotency_key_missing: {
    status: 400,
    message: 'An Idempotency-Key header is required so a retried import never runs twice.',
  },
  halo_url_refused: {
    status: 400,
    message:
      'That HaloPSA Base URL is not allowed. Use the https:// address of your HaloPSA instance (a public host).',
  },
  halo_tenant_invalid: {
    status: 400,
    message:
      'That Tenant ID cannot be a HaloPSA tenant. Type the name HaloPSA shows under Configuration › Integrations › HaloPSA API › API Details (e.g. acme for acme.halopsa.com), or fill in the Base URL field for a custom domain.',
  },
  unauthenticated: {
    status: 401,
    message: 'You are not signed in, or your sign-in expired. Reload the tab to sign in again.',
  },
  unknown_caller: {
    status: 403,
    message:
      'You are not a BrainStation reseller admin. Ask your BrainStation reseller to add you as an admin.',
  },
  forbidden: { status: 403, message: 'You are not allowed to do that.' },
  reseller_admin_only: {
    status: 403,
    message:
      'Only reseller admins can use HaloPSA import. Ask your reseller (MSP) to import users for you.',
  },
  self_approval_refused: {
    status: 403,
    message:
      'Your reseller requires a second approver: another reseller admin has to approve this import.',
  },
  not_found: { status: 404, message: 'That was not found, or you do not have access to it.' },
  route_not_found: { status: 404, message: 'There is no such API route.' },
  conflict: { status: 409, message: 'That conflicts with the current state. Reload and try again.' },
  team_full: { status: 409, message: 'This import would take the Team over its user limit.' },
  idempotency_key_reused: {
    status: 409,
    message:
      'This Idempotency-Key was already used for a different import. Use a new key for a new import.',
  },
  halo_not_configured: {
    status: 409,
    message: 'No HaloPSA connection is stored yet. Enter your HaloPSA credentials first.',
  },
  draft_closed: { status: 409, message: 'This import request was already approved or cancelled.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  halo_invalid_client: {
    status: 422,
    message:
      'HaloPSA refused the Client ID or Client Secret. Copy both again from HaloPSA (Configuration › Integrations › HaloPSA API › Applications); saving the application can change them.',
  },
  halo_invalid_scope: {
    status: 422,
    message:
      'HaloPSA refused the requested scope. Give the API application the "read:customers" (or "all") permission in HaloPSA.',
  },
  halo_permission_denied: {
    status: 422,
    message:
      'HaloPSA answered but this API application may not read customers or users. Check its permissions and the agent it logs in as.',
  },
  halo_tenant_unknown: {
    status: 422,
    message:
      'HaloPSA does not know that tenant. Check the Tenant ID; if your HaloPSA uses a custom domain, fill in the Base URL field.',
  },
  rate_limited: { status: 429, message: 'Too many requests. Wait a moment and try again.' },
  halo_rate_limited: {
    status: 429,
    message:
      'HaloPSA is rate-limiting requests (300 per 5 minutes). Wait a few minutes and try again.',
  },
  halo_unreachable: {
    status: 502,
    message:
      'HaloPSA could not be reached. Check the Tenant ID, or the Base URL if you use a custom domain, and try again.',
  },
  halo_timeout: { status: 502, message: 'HaloPSA took too long to answer. Try again in a moment.' },
  halo_bad_response: {
    status: 502,
    message:
      'HaloPSA answered with a web page instead of data. Check the Base URL points at your HaloPSA instance.',
  },
  halo_server_error: {
    status: 502,
    message: 'HaloPSA had an internal error. Try again in a moment.',
  },
  auth_keys_unavailable: {
    status: 502,
    message:
      'Your sign-in could not be checked because the sign-in keys could not be loaded. Try again in a minute.',
  },
  secret_undecryptable: {
    status: 500,
    message:
      'The stored HaloPSA credentials cannot be read with the current key. Enter the credentials again.',
  },
  config_invalid: { status: 500, message: 'The server configuration is not valid.' },
  internal: { status: 500, message: 'Something went wrong on our side. Try again.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** A stable error code. */
export type ErrorCode = keyof typeof errorCatalog;
