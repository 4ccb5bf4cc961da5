import type { ImportRecord, Preview } from '../contracts';
import { AppError } from '../errors';
import { computeEligibility, executeImport, importRequestHash, lookupEmails, type EligibilityResult } from '../import';
import type { StoredImport, TeamRow } from '../store';
import { requireResellerAdmin, visibleTeam } from './authorize';
import { groupWithUsers } from './connection';
import type { ServiceContext } from './service-context';
import type { ImportRequest, Principal, ProgressListener } from './service.types';
import type { HaloUser } from '../contracts';

/** How many imports `listImports` returns. */
const RECENT_IMPORTS = 50;

/** Eligibility of a group's users for one Team, against what the store knows now. */
export async function eligibilityFor(ctx: ServiceContext, team: TeamRow, users: readonly HaloUser[]): Promise<EligibilityResult> {
  const accountEmails = await ctx.store.accounts.findExistingEmails(lookupEmails(users));
  const memberEmails = await ctx.store.teams.findMemberEmails(team.id, [...accountEmails]);
  return computeEligibility({ users, teamName: team.name, memberEmails, accountEmails });
}

/**
 * Eligibility as a preview or a draft shows it: reused for a short while (preview-cache.ts), so a
 * page flip does not re-check a whole group. The Team's member count is read every time, so an
 * import by another instance shows at once; the import itself always re-checks.
 */
export async function previewEligibility(
  ctx: ServiceContext,
  team: TeamRow,
  loaded: { readonly group: { readonly id: number }; readonly users: HaloUser[]; readonly connectionVersion: number },
): Promise<EligibilityResult> {
  const memberCount = (await ctx.store.teams.countMembers([team.id])).get(team.id) ?? 0;
  return ctx.previews.eligibility(
    { resellerId: team.resellerId, connectionVersion: loaded.connectionVersion, teamId: team.id, groupId: loaded.group.id },
    { users: loaded.users, teamName: team.name, memberCount },
    () => eligibilityFor(ctx, team, loaded.users),
  );
}

export async function preview(ctx: ServiceContext, principal: Principal, teamId: string, groupId: number): Promise<Preview> {
  requireResellerAdmin(principal);
  const team = await visibleTeam(ctx, principal, teamId);
  const loaded = await groupWithUsers(ctx, principal.resellerId, groupId);
  const { group } = loaded;
  const { rows, counts } = await previewEligibility(ctx, team, loaded);
  return {
    team: { id: team.id, name: team.name },
    breadcrumbs: [principal.resellerName, team.name],
    group,
    users: rows,
    counts,
  };
}

/**
 * Runs an import, then drops every cached preview of this process whatever the outcome (after
 * the commit, so no preview computed before it survives): the next page shows the new members.
 */
export async function invalidatingPreviews<T>(ctx: ServiceContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    ctx.previews.invalidate();
  }
}

export async function importUsers(
  ctx: ServiceContext,
  principal: Principal,
  request: ImportRequest,
  onProgress?: ProgressListener,
): Promise<ImportRecord> {
  requireResellerAdmin(principal);
  const key = request.idempotencyKey.trim();
  if (key === '' || key.length > 200) throw new AppError('idempotency_key_missing');
  if (request.haloUserIds.length === 0) {
    throw new AppError('bad_request', { message: 'Select at least one user to import.' });
  }
  const team = await visibleTeam(ctx, principal, request.teamId);

  // A retry of a finished import is answered from the store, even while HaloPSA is down. One
  // still running goes on below: executeImport waits for its worker, or finishes it if that died.
  const earlier = await ctx.store.imports.headByKey(principal.resellerId, key);
  if (earlier) {
    if (earlier.requestHash !== importRequestHash(request)) throw new AppError('idempotency_key_reused');
    const stored = earlier.status === 'running' ? undefined : await ctx.store.imports.get(earlier.id);
    if (stored) return toRecord(stored);
  }

  const { users } = await groupWithUsers(ctx, principal.resellerId, request.groupId);
  const stored = await invalidatingPreviews(ctx, () => executeImport(
    ctx.store,
    {
      resellerId: principal.resellerId,
      teamId: team.id,
      groupId: request.groupId,
      users,
      haloUserIds: request.haloUserIds,
      idempotencyKey: key,
      requestedBy: { adminId: principal.adminId, name: principal.name },
    },
    { clock: ctx.clock, newId: ctx.newId, onProgress },
  ));
  ctx.logger.info(`import ${stored.status}`, {
    importId: stored.id,
    teamId: team.id,
    imported: stored.imported.length,
    skipped: stored.skipped.length,
    failed: stored.failed.length,
  });
  return toRecord(stored);
}

export async function getImport(ctx: ServiceContext, principal: Principal, importId: string): Promise<ImportRecord> {
  const stored = await ctx.store.imports.get(importId);
  const visible =
    stored !== undefined &&
    stored.resellerId === principal.resellerId &&
    (principal.role === 'reseller_admin' || stored.teamId === principal.teamId);
  if (!visible) throw new AppError('not_found', { detail: `import ${importId} not visible to admin ${principal.adminId}` });
  return toRecord(stored);
}

export async function listImports(ctx: ServiceContext, principal: Principal, teamId: string): Promise<ImportRecord[]> {
  const team = await visibleTeam(ctx, principal, teamId);
  return (await ctx.store.imports.listByTeam(team.id, RECENT_IMPORTS)).map(toRecord);
}

/** The API shape: what only the server needs (reseller, key, fingerprint) stays here. */
export function toRecord(s: StoredImport): ImportRecord {
  return {
    id: s.id,
    status: s.status,
    teamId: s.teamId,
    groupId: s.groupId,
    requestedBy: s.requestedBy,
    approvedBy: s.approvedBy,
    createdAt: s.createdAt,
    completedAt: s.completedAt,
    imported: s.imported,
    skipped: s.skipped,
    failed: s.failed,
    ...(s.failureReason === undefined ? {} : { failureReason: s.failureReason }),
  };
}
