import type { ErrorCode } from '../../src/errors';
import { type ActionData, type AdaptiveCard, type ExecuteAction, card, execute, heading, notice, text } from './card-kit';
import { type Verb, VERBS } from './verbs';

/** Codes where trying the same thing again cannot help: offer a way forward instead of Retry. */
const NOT_RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'unknown_caller',
  'forbidden',
  'reseller_admin_only',
  'self_approval_refused',
  'not_found',
  'draft_closed',
  'bad_request',
  'team_full',
]);

/** HaloPSA refused or cannot be found with the stored credentials: the fix is new credentials. */
const CREDENTIAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'halo_invalid_client',
  'halo_invalid_scope',
  'halo_permission_denied',
  'halo_tenant_unknown',
  'halo_url_refused',
  'halo_not_configured',
  'secret_undecryptable',
]);

/** Keys never carried into a retry action, whatever the failed action held. */
const NEVER_REPLAYED = /secret|password|token/i;

export interface ErrorView {
  readonly code: ErrorCode;
  /** user-facing words (AppError.message): never the log-only detail */
  readonly message: string;
  /** the action that failed, replayed by Retry (secrets removed) */
  readonly retry?: { readonly verb: Verb; readonly data: ActionData };
  readonly teamId?: string;
}

/** The reason in plain words and a way forward: Retry, new credentials, or help. */
export function errorCard(view: ErrorView): AdaptiveCard {
  const actions: ExecuteAction[] = [];
  if (view.retry && !NOT_RETRYABLE.has(view.code) && !CREDENTIAL_CODES.has(view.code)) {
    const data = Object.fromEntries(Object.entries(view.retry.data).filter(([k]) => !NEVER_REPLAYED.test(k)));
    actions.push(execute(view.retry.verb, 'Try again', data));
  }
  if (CREDENTIAL_CODES.has(view.code)) {
    actions.push(execute(VERBS.changeCredentials, 'Enter credentials', { teamId: view.teamId }));
  }
  actions.push(execute(VERBS.help, 'Help'));
  return card([heading(titleFor(view.code)), notice(view.message), ...hint(view.code)], actions);
}

function titleFor(code: ErrorCode): string {
  if (code.startsWith('halo_')) return 'HaloPSA problem';
  if (code === 'unknown_caller' || code === 'forbidden' || code === 'reseller_admin_only' || code === 'self_approval_refused') {
    return 'Not allowed';
  }
  if (code === 'not_found') return 'Not found';
  return 'That did not work';
}

function hint(code: ErrorCode) {
  if (code === 'halo_rate_limited' || code === 'halo_timeout' || code === 'halo_server_error' || code === 'halo_unreachable') {
    return [text('Nothing was changed. Try again in a moment.', { isSubtle: true })];
  }
  return [];
}
