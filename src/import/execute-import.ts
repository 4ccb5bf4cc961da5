import type { HaloUser } from '../contracts';
import { AppError } from '../errors';
import type { Clock } from '../service/ports';
import type { ProgressListener } from '../service/service.types';
import { type Outcome, type Repositories, type Store, type StoredImport, type TeamRow } from '../store';
import { computeEligibility, lookupEmails } from './eligibility';
import { planImport, type ImportPlan } from './plan-import';
import { importRequestHash } from './request-hash';

/** Accounts created per statement (and per progress report). */
const BATCH = 500;

/** One import, as the service hands it to the engine. */
export interface ExecuteImportRequest {
  readonly resellerId: string;
  readonly teamId: string;
  readonly groupId: number;
  /** every user of the HaloPSA group, fetched for this import */
  readonly users: readonly HaloUser[];
  readonly haloUserIds: readonly number[];
  readonly idempotencyKey: string;
  readonly requestedBy: { readonly adminId: string; readonly name: string };
  readonly approvedBy?: { readonly adminId: string; readonly name: string } | null;
}

export interface ExecuteImportOptions {
  readonly clock: Clock;
  readonly newId: () => string;
  /** `source` of the memberships and accounts created (default "halo-import") */
  readonly source?: string;
  /** called after each batch of accounts; throwing from it aborts the whole import */
  readonly onProgress?: ProgressListener;
  /** more work for the same transaction once the import is recorded (e.g. closing a draft) */
  readonly alsoInTransaction?: (repos: Repositories, record: StoredImport) => Promise<void>;
}

/**
 * Runs an import durably. First the import is recorded as `running` in its own committed
 * statement (so `getImport` shows it and a crash leaves a row that {@link recoverImports} marks
 * `failed`); then ONE transaction holds that row, re-checks eligibility against the database,
 * refuses to take the Team over `maxUsers` (AppError `team_full`), creates accounts and
 * memberships, records each user's outcome and an audit entry, and flips the row to `completed`.
 * A process killed at any point leaves either nothing imported or the complete import.
 *
 * Idempotent by (reseller, Idempotency-Key): the same key and request returns the stored result
 * (completed or failed) and changes nothing; a same-key request that finds the import `running`
 * waits for the worker holding it, or finishes the work itself when that worker died; the same
 * key with another request fails with `idempotency_key_reused`. A refused or failed import leaves
 * nothing written, and its key can be used again.
 */
export async function executeImport(
  store: Store,
  request: ExecuteImportRequest,
  options: ExecuteImportOptions,
): Promise<StoredImport> {
  const requestHash = importRequestHash(request);
  for (let round = 1; ; round++) {
    const claim = await claimImport(store, request, requestHash, options);
    if (claim.kind === 'settled') return claim.record;
    if (claim.kind === 'claimed') {
      const done = await work(store, claim.id, request, requestHash, options);
      if (done !== VANISHED) return done;
    }
    // the row we meant to work on was abandoned by a same-key request that failed: claim anew
    if (round >= 5) {
      throw new AppError('conflict', {
        message: 'This import is being retried by another request at the same time. Wait a moment and look at the Team\'s imports.',
        detail: `import key ${request.idempotencyKey} of reseller ${request.resellerId} kept vanishing`,
      });
    }
  }
}

const VANISHED = Symbol('vanished');

type Claim =
  | { readonly kind: 'claimed'; readonly id: string }
  | { readonly kind: 'settled'; readonly record: StoredImport }
  | { readonly kind: 'vanished' };

/** Records the import as `running` (or finds the same-key import already recorded). */
async function claimImport(
  store: Store,
  request: ExecuteImportRequest,
  requestHash: string,
  options: ExecuteImportOptions,
): Promise<Claim> {
  // checked before anything is recorded, so a refused request leaves no trace
  const team = await store.teams.get(request.teamId);
  if (!team || team.resellerId !== request.resellerId) {
    throw new AppError('not_found', { detail: `team ${request.teamId} not found for reseller ${request.resellerId}` });
  }
  const id = options.newId();
  const recorded = await store.imports.begin({
    id,
    resellerId: request.resellerId,
    teamId: team.id,
    groupId: request.groupId,
    idempotencyKey: request.idempotencyKey,
    requestHash,
    requestedBy: request.requestedBy.name,
    requestedById: request.requestedBy.adminId,
    approvedBy: request.approvedBy?.name ?? null,
    approvedById: request.approvedBy?.adminId ?? null,
    createdAt: new Date(options.clock()).toISOString(),
    haloUserIds: [...new Set(request.haloUserIds)],
  });
  if (recorded) return { kind: 'claimed', id };

  const earlier = await store.imports.headByKey(request.resellerId, request.idempotencyKey);
  if (!earlier) return { kind: 'vanished' };
  if (earlier.requestHash !== requestHash) throw keyReused(earlier.id, request.idempotencyKey);
  if (earlier.status === 'running') return { kind: 'claimed', id: earlier.id };
  const record = await store.imports.get(earlier.id);
  return record ? { kind: 'settled', record } : { kind: 'vanished' };
}

/** The work transaction, retried when PostgreSQL picks it as a deadlock victim. */
async function work(
  store: Store,
  id: string,
  request: ExecuteImportRequest,
  requestHash: string,
  options: ExecuteImportOptions,
): Promise<StoredImport | typeof VANISHED> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction((repos) => run(repos, id, request, requestHash, options));
    } catch (e) {
      // nothing was written, so running it again is safe
      if (isDeadlock(e) && attempt < 3) continue;
      // Refused (team_full, draft closed, …) or broken: nothing was imported, so the running
      // record goes too and the key can be used again. If even this fails, recovery marks it failed.
      await store.imports.abandon(id).catch(() => undefined);
      throw e;
    }
  }
}

function isDeadlock(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '40P01' || code === '40001';
}

async function run(
  repos: Repositories,
  importId: string,
  request: ExecuteImportRequest,
  requestHash: string,
  options: ExecuteImportOptions,
): Promise<StoredImport | typeof VANISHED> {
  // Held until commit: a same-key request waits here, and recovery skips an import whose worker is alive.
  const head = await repos.imports.head(importId, { lock: true });
  if (!head) return VANISHED;
  if (head.status !== 'running') {
    // finished by a same-key request, or marked failed by recovery, while we waited
    const settled = await repos.imports.get(importId);
    return settled ? replay(settled, requestHash) : VANISHED;
  }

  // holds the Team until commit, so imports into one Team never interleave
  const team = await repos.teams.getForUpdate(request.teamId);
  if (!team || team.resellerId !== request.resellerId) {
    throw new AppError('not_found', { detail: `team ${request.teamId} not found for reseller ${request.resellerId}` });
  }

  const plan = await recheck(repos, team, request);
  if (team.maxUsers !== null && plan.toImport.length > 0) {
    const current = (await repos.teams.countMembers([team.id])).get(team.id) ?? 0;
    if (current + plan.toImport.length > team.maxUsers) throw teamFullError(team, current, plan.toImport.length);
  }

  const at = new Date(options.clock()).toISOString();
  const source = options.source ?? 'halo-import';

  const created = new Map<string, string>();
  // Inserting in email order makes concurrent imports take the unique-index locks in the same
  // order, so two overlapping imports on PostgreSQL wait for each other instead of deadlocking.
  const byEmail = [...plan.toImport].sort((a, b) => (a.emailNormalized < b.emailNormalized ? -1 : 1));
  const total = byEmail.length;
  for (let i = 0; i < total; i += BATCH) {
    const batch = byEmail.slice(i, i + BATCH);
    const rows = await repos.accounts.insertMany(
      batch.map((u) => ({ id: options.newId(), emailNormalized: u.emailNormalized, email: u.email, name: u.name, createdAt: at, source })),
    );
    for (const r of rows) created.set(r.emailNormalized, r.id);
    options.onProgress?.(Math.min(i + BATCH, total), total);
  }

  const outcomes: Outcome[] = plan.users.map((u) => {
    if (u.kind === 'fail') return { outcome: 'failed', haloId: u.haloId, reason: u.reason };
    if (u.kind === 'skip') return { outcome: 'skipped', haloId: u.haloId, status: u.status, reason: u.reason };
    const accountId = created.get(u.emailNormalized);
    // the unique email constraint said another import created it after our re-check
    if (accountId === undefined) {
      return { outcome: 'skipped', haloId: u.haloId, status: 'exists', reason: 'Already has a BrainStation account' };
    }
    return { outcome: 'imported', haloId: u.haloId, email: u.email, accountId };
  });

  const record: Omit<StoredImport, 'imported' | 'skipped' | 'failed'> = {
    id: importId,
    resellerId: request.resellerId,
    teamId: team.id,
    groupId: request.groupId,
    idempotencyKey: request.idempotencyKey,
    requestHash,
    status: 'completed',
    requestedBy: request.requestedBy.name,
    // whoever's work commits approved it (a same-key request may finish a dead worker's import)
    approvedBy: request.approvedBy?.name ?? null,
    createdAt: head.createdAt,
    completedAt: new Date(options.clock()).toISOString(),
  };
  const completed = await repos.imports.complete(
    importId,
    { completedAt: record.completedAt as string, approvedBy: record.approvedBy, approvedById: request.approvedBy?.adminId ?? null },
    outcomes,
  );
  if (!completed) throw new AppError('internal', { detail: `import ${importId} was not running although its row was held` });
  await repos.teams.addMembers(
    [...created.values()].map((accountId) => ({ teamId: team.id, accountId, addedAt: at, source, importId })),
  );

  const stored = toStored(record, outcomes);
  await repos.audit.append({
    id: options.newId(),
    at,
    actor: request.approvedBy?.adminId ?? request.requestedBy.adminId,
    action: 'import.completed',
    resellerId: request.resellerId,
    teamId: team.id,
    details: {
      importId,
      groupId: request.groupId,
      requestedBy: request.requestedBy.adminId,
      approvedBy: request.approvedBy?.adminId ?? null,
      imported: stored.imported.length,
      skipped: stored.skipped.length,
      failed: stored.failed.length,
    },
  });
  await options.alsoInTransaction?.(repos, stored);
  return stored;
}

/** Eligibility again, now against the database inside the transaction. */
async function recheck(repos: Repositories, team: TeamRow, request: ExecuteImportRequest): Promise<ImportPlan> {
  // duplicates are decided by the whole group (no lookup needed); member/exists only matter for
  // the requested users, so only their emails are looked up
  const requested = new Set(request.haloUserIds);
  const emails = lookupEmails(request.users.filter((u) => requested.has(u.id)));
  const accountEmails = await repos.accounts.findExistingEmails(emails);
  const memberEmails = await repos.teams.findMemberEmails(team.id, [...accountEmails]);
  const { rows } = computeEligibility({ users: request.users, teamName: team.name, memberEmails, accountEmails });
  return planImport({ rows, requestedIds: request.haloUserIds });
}

function replay(earlier: StoredImport, requestHash: string): StoredImport {
  if (earlier.requestHash !== requestHash) throw keyReused(earlier.id, earlier.idempotencyKey);
  return earlier;
}

function keyReused(importId: string, key: string): AppError {
  return new AppError('idempotency_key_reused', { detail: `import ${importId} used key ${key} for another request` });
}

/** AppError `team_full` whose message gives the numbers and what to do. */
export function teamFullError(team: TeamRow, current: number, adding: number): AppError {
  const limit = team.maxUsers as number;
  const room = Math.max(0, limit - current);
  const what =
    room === 0
      ? 'The Team is full: ask to raise its limit, or remove members first.'
      : `Select at most ${room} user${room === 1 ? '' : 's'}, or ask to raise the Team's limit.`;
  return new AppError('team_full', {
    message: `${team.name} allows ${limit} users. It has ${current} members and this import would add ${adding} (${current + adding - limit} too many). ${what}`,
    detail: `team ${team.id}: limit ${limit}, members ${current}, adding ${adding}`,
  });
}

function toStored(record: Omit<StoredImport, 'imported' | 'skipped' | 'failed'>, outcomes: readonly Outcome[]): StoredImport {
  const stored: StoredImport = { ...record, imported: [], skipped: [], failed: [] };
  for (const o of outcomes) {
    if (o.outcome === 'imported') stored.imported.push({ haloId: o.haloId, email: o.email, accountId: o.accountId });
    else if (o.outcome === 'skipped') stored.skipped.push({ haloId: o.haloId, status: o.status, reason: o.reason });
    else stored.failed.push({ haloId: o.haloId, reason: o.reason });
  }
  return stored;
}
