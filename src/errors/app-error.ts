import { errorCatalog, type ErrorCode } from './catalog';

/** Options of {@link AppError}. */
export interface AppErrorOptions {
  /** words for the user; defaults to the catalog's text for the code */
  readonly message?: string;
  /** log-only detail: never shown to a user, never holds a secret */
  readonly detail?: string;
  readonly cause?: unknown;
  /** seconds the caller should wait before retrying (rate limits) */
  readonly retryAfterSeconds?: number;
}

/**
 * The one error type of the core: a code, a user-facing message and a log-only detail.
 * Adapters map it once to an HTTP status or a card.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? errorCatalog[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalog[code].status;
    this.detail = options.detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The wire shape of every API error. */
  toJSON(): { error: { code: ErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Narrowing helper that also accepts errors from another realm (jest workers). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError || (value instanceof Error && value.name === 'AppError');
}

/** Turns anything thrown into an AppError, keeping the original as `cause` (log-only). */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return value;
  const detail = value instanceof Error ? `${value.name}: ${value.message}` : String(value);
  return new AppError('internal', { detail, cause: value });
}
