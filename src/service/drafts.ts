import { AppError } from '../errors';
import { executeImport, importableIds, planImport, teamFullError } from '../import';
import { requireResellerAdmin, visibleTeam } from './authorize';
import { groupWithUsers } from './connection';
import { invalidatingPreviews, previewEligibility, toRecord } from './imports';
import type { ServiceContext } from './service-context';
import type { DraftRequest, ImportDraft, Principal, ProgressListener } from './service.types';
import type { ImportRecord } from '../contracts';

/** A draft's import runs under this key, so approving twice can only ever import once. */
export const draftImportKey = (draftId: string) => `draft:${draftId}`;

/**
 * The key of the n-th approval attempt: a new attempt only follows one that failed (the server
 * stopped during it), so every approver derives the same key and approving twice still imports once.
 */
export const draftAttemptKey = (draftId: string, attempt: number) =>
  attempt <= 1 ? draftImportKey(draftId) : `${draftImportKey(draftId)}#${attempt}`;

export async function createDraft(ctx: ServiceContext, principal: Principal, request: DraftRequest): Promise<ImportDraft> {
  requireResellerAdmin(principal);
  const team = await visibleTeam(ctx, principal, request.teamId);
  const loaded = await groupWithUsers(ctx, principal.resellerId, request.groupId);
  const { group } = loaded;
  // the rows the admin was just shown: the approval re-checks them in the import's transaction
  const { rows } = await previewEligibility(ctx, team, loaded);
  const ids = request.selection.kind === 'allImportable' ? importableIds(rows) : [...new Set(request.selection.haloUserIds)];
  const plan = planImport({ rows, requestedIds: ids });
  if (plan.toImport.length === 0) {
    throw new AppError('bad_request', {
      message:
        ids.length === 0
          ? `${group.name} has no users that can be imported into ${team.name}.`
          : 'None of the selected users can be imported (see the reason on each row). Select users marked as ready to import.',
    });
  }
  if (team.maxUsers !== null) {
    const current = (await ctx.store.teams.countMembers([team.id])).get(team.id) ?? 0;
    if (current + plan.toImport.length > team.maxUsers) throw teamFullError(team, current, plan.toImport.length);
  }

  const reseller = await ctx.store.resellers.get(principal.resellerId);
  const draft: ImportDraft = {
    id: ctx.newId(),
    resellerId: principal.resellerId,
    teamId: team.id,
    teamName: team.name,
    groupId: group.id,
    groupName: group.name,
    haloUserIds: plan.users.map((u) => u.haloId),
    requestedBy: { adminId: principal.adminId, name: principal.name },
    createdAt: ctx.now(),
    status: 'pending',
    importId: null,
    closedBy: null,
    closedAt: null,
    toImport: plan.toImport.map((u) => ({ haloId: u.haloId, name: u.name, email: u.email })),
    skipped: plan.skipped.map((u) => ({ haloId: u.haloId, name: u.name, status: u.status, reason: u.reason })),
    requireSecondApprover: reseller?.requireSecondApprover ?? false,
  };
  await ctx.store.transaction(async (repos) => {
    const { teamName: _t, requireSecondApprover: _r, ...row } = draft;
    await repos.drafts.insert(row);
    await repos.audit.append({
      id: ctx.newId(),
      at: draft.createdAt,
      actor: principal.adminId,
      action: 'import.requested',
      resellerId: principal.resellerId,
      teamId: team.id,
      details: { draftId: draft.id, groupId: group.id, toImport: draft.toImport.length, skipped: draft.skipped.length },
    });
  });
  return draft;
}

export async function getDraft(ctx: ServiceContext, principal: Principal, draftId: string): Promise<ImportDraft> {
  requireResellerAdmin(principal);
  const draft = await ctx.store.drafts.get(draftId);
  if (!draft || draft.resellerId !== principal.resellerId) {
    throw new AppError('not_found', { detail: `draft ${draftId} not visible to admin ${principal.adminId}` });
  }
  if (draft.status !== 'pending') return draft;
  const { lastFailure } = await currentAttempt(ctx, draft);
  return lastFailure ? { ...draft, lastFailure } : draft;
}

/** The approval attempt to run (or join) now, and how the last one failed. */
async function currentAttempt(
  ctx: ServiceContext,
  draft: ImportDraft,
): Promise<{ key: string; lastFailure: NonNullable<ImportDraft['lastFailure']> | null }> {
  let lastFailure: NonNullable<ImportDraft['lastFailure']> | null = null;
  for (let attempt = 1; ; attempt++) {
    const key = draftAttemptKey(draft.id, attempt);
    const head = await ctx.store.imports.headByKey(draft.resellerId, key);
    if (head?.status !== 'failed') return { key, lastFailure };
    lastFailure = {
      importId: head.id,
      reason: head.failureReason ?? 'The import failed; nothing was imported. Approve it again.',
      at: head.completedAt ?? head.createdAt,
    };
  }
}

export async function approveDraft(
  ctx: ServiceContext,
  principal: Principal,
  draftId: string,
  onProgress?: ProgressListener,
): Promise<{ draft: ImportDraft; result: ImportRecord }> {
  const draft = await getDraft(ctx, principal, draftId);
  if (draft.status === 'approved') return { draft, result: await resultOf(ctx, draft) };
  if (draft.status === 'cancelled') throw closed(draft);
  if (draft.requireSecondApprover && draft.requestedBy.adminId === principal.adminId) {
    throw new AppError('self_approval_refused', {
      message: `Your reseller requires a second approver: another reseller admin has to approve this import of ${draft.toImport.length} users into ${draft.teamName}.`,
    });
  }

  const { users } = await groupWithUsers(ctx, draft.resellerId, draft.groupId);
  const by = { adminId: principal.adminId, name: principal.name };
  // an attempt the server stopped during stays failed; approving again is the next attempt
  const { key } = await currentAttempt(ctx, draft);
  const stored = await invalidatingPreviews(ctx, () => executeImport(
    ctx.store,
    {
      resellerId: draft.resellerId,
      teamId: draft.teamId,
      groupId: draft.groupId,
      users,
      haloUserIds: draft.haloUserIds,
      idempotencyKey: key,
      requestedBy: draft.requestedBy,
      approvedBy: by,
    },
    {
      clock: ctx.clock,
      newId: ctx.newId,
      onProgress,
      // closing the draft commits with the import, or neither happens
      alsoInTransaction: async (repos, record) => {
        const at = ctx.now();
        const closedNow = await repos.drafts.close(draft.id, { status: 'approved', by, at, importId: record.id });
        if (!closedNow) throw closed(draft);
        await repos.audit.append({
          id: ctx.newId(),
          at,
          actor: principal.adminId,
          action: 'import.approved',
          resellerId: draft.resellerId,
          teamId: draft.teamId,
          details: { draftId: draft.id, importId: record.id, requestedBy: draft.requestedBy.adminId },
        });
      },
    },
  ));
  return { draft: await getDraft(ctx, principal, draft.id), result: toRecord(stored) };
}

export async function cancelDraft(ctx: ServiceContext, principal: Principal, draftId: string): Promise<ImportDraft> {
  const draft = await getDraft(ctx, principal, draftId);
  if (draft.status === 'cancelled') return draft;
  if (draft.status === 'approved') throw closed(draft);
  const closedNow = await ctx.store.transaction(async (repos) => {
    const at = ctx.now();
    const ok = await repos.drafts.close(draft.id, { status: 'cancelled', by: { adminId: principal.adminId, name: principal.name }, at, importId: null });
    if (ok) {
      await repos.audit.append({
        id: ctx.newId(),
        at,
        actor: principal.adminId,
        action: 'import.cancelled',
        resellerId: draft.resellerId,
        teamId: draft.teamId,
        details: { draftId: draft.id, requestedBy: draft.requestedBy.adminId },
      });
    }
    return ok;
  });
  const now = await getDraft(ctx, principal, draft.id);
  // someone approved it between our read and our write
  if (!closedNow && now.status === 'approved') throw closed(now);
  return now;
}

async function resultOf(ctx: ServiceContext, draft: ImportDraft): Promise<ImportRecord> {
  const stored = draft.importId === null ? undefined : await ctx.store.imports.get(draft.importId);
  if (!stored) throw new AppError('internal', { detail: `approved draft ${draft.id} has no import` });
  return toRecord(stored);
}

function closed(draft: ImportDraft): AppError {
  const who = draft.closedBy ? ` by ${draft.closedBy.name}` : '';
  return new AppError('draft_closed', {
    message:
      draft.status === 'cancelled'
        ? `This import request was cancelled${who}. Start a new one with "import halo users to ${draft.teamName}".`
        : `This import request was already approved${who}.`,
  });
}
