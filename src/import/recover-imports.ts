import { randomUUID } from 'node:crypto';
import type { Clock } from '../service/ports';
import { silentLogger, type Logger } from '../logging';
import type { ImportHead, Store } from '../store';

/** What a user reads on an import the server stopped in the middle of (its work never committed). */
export const INTERRUPTED_REASON = 'The server stopped during this import; nothing was imported. Run it again.';

/** How long a `running` import may go without a live worker holding it before it counts as dead. */
export const DEFAULT_IMPORT_LEASE_MS = 30_000;

/** Imports marked failed per recovery transaction. */
const CLAIM_BATCH = 100;

/** Options of {@link recoverImports}. */
export interface RecoverImportsOptions {
  /** default Date.now */
  readonly clock?: Clock;
  /** ids of the audit entries (default randomUUID) */
  readonly newId?: () => string;
  readonly logger?: Logger;
  /**
   * Only imports recorded longer ago than this are looked at (default 30 s). A live worker holds
   * its import for the whole work transaction, so the lease only covers the moment between
   * recording an import and taking hold of it.
   */
  readonly leaseMs?: number;
}

/**
 * Start-up recovery: every `running` import older than the lease that no live worker holds (its
 * process died before the work committed, so nothing of it was written) becomes `failed` with
 * {@link INTERRUPTED_REASON}, each requested user listed as failed, and an `import.failed` audit
 * entry. A retry with the same Idempotency-Key then answers that failed import; nothing is ever
 * imported twice. Safe to run on several instances at once (PostgreSQL `SKIP LOCKED`; SQLite's
 * write lock). Returns the ids marked failed.
 * @example
 * const failedIds = await recoverImports(store, { logger });
 */
export async function recoverImports(store: Store, options: RecoverImportsOptions): Promise<string[]> {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? Date.now;
  const newId = options.newId ?? randomUUID;
  const cutoff = new Date(clock() - (options.leaseMs ?? DEFAULT_IMPORT_LEASE_MS)).toISOString();
  const failed: string[] = [];
  for (;;) {
    // a read first: the usual answer is "none", and on SQLite a write transaction would wait for
    // (and block on) any other process's writer
    if ((await store.imports.claimStale(cutoff, 1)).length === 0) return failed;
    const batch = await store.transaction(async (repos) => {
      const stale = await repos.imports.claimStale(cutoff, CLAIM_BATCH);
      const at = new Date(clock()).toISOString();
      for (const head of stale) {
        const outcomes = head.haloUserIds.map((haloId) => ({ outcome: 'failed' as const, haloId, reason: INTERRUPTED_REASON }));
        if (!(await repos.imports.fail(head.id, { reason: INTERRUPTED_REASON, at }, outcomes))) continue;
        await repos.audit.append({
          id: newId(),
          at,
          actor: 'system',
          action: 'import.failed',
          resellerId: head.resellerId,
          teamId: head.teamId,
          details: describe(head),
        });
      }
      return stale;
    });
    for (const head of batch) {
      failed.push(head.id);
      logger.warn('import interrupted by a server stop, marked failed', describe(head));
    }
    if (batch.length < CLAIM_BATCH) return failed;
  }
}

function describe(head: ImportHead): Record<string, unknown> {
  return {
    importId: head.id,
    idempotencyKey: head.idempotencyKey,
    requestedBy: head.requestedById,
    approvedBy: head.approvedById,
    createdAt: head.createdAt,
    users: head.haloUserIds.length,
    reason: INTERRUPTED_REASON,
  };
}

/** A running recovery loop; see {@link startImportRecovery}. */
export interface ImportRecovery {
  /** ids marked failed by the start-up pass */
  readonly recovered: readonly string[];
  /** stops the periodic pass and waits for one in flight */
  stop(): Promise<void>;
}

/**
 * Runs {@link recoverImports} once now (awaited, so start-up reports what it found) and then every
 * `intervalMs` (default: the lease), so an import whose instance died while others keep running is
 * still marked failed. A failed periodic pass is logged and tried again at the next tick.
 * @example
 * const recovery = await startImportRecovery(store, { clock, logger });
 * // on shutdown
 * await recovery.stop();
 */
export async function startImportRecovery(
  store: Store,
  options: RecoverImportsOptions & { readonly intervalMs?: number },
): Promise<ImportRecovery> {
  const logger = options.logger ?? silentLogger;
  let recovered: string[] = [];
  try {
    recovered = await recoverImports(store, options);
  } catch (error) {
    // SQLite: another process has held the write lock longer than the busy timeout (a big import);
    // its own import is alive, and the next pass looks again
    if (!isBusy(error)) throw error;
    logger.warn('import recovery postponed: the database is busy', { error });
  }
  let inFlight: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = recoverImports(store, options).catch((error: unknown) => {
      logger.error('import recovery pass failed; retrying at the next interval', { error });
    });
  }, options.intervalMs ?? options.leaseMs ?? DEFAULT_IMPORT_LEASE_MS);
  // never keeps the process alive on its own
  timer.unref();
  return {
    recovered,
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}
