import { isAppError } from '../../src/errors';
import type { ImportRecord } from '../../src/contracts';
import type { ImportDraft, Principal } from '../../src/service';
import {
  type AdaptiveCard,
  approvalCard,
  cancelledCard,
  errorCard,
  outsiderDraftCard,
  progressCard,
  resultCard,
  VERBS,
} from '../cards';
import type { JourneyContext } from './journey-context';

/** Sends the approval card to the other reseller admins' 1:1 chats (second-approver rule). */
export async function notifyOtherApprovers(
  t: JourneyContext,
  p: Principal,
  draft: ImportDraft,
): Promise<{ sentTo: string[]; unreachable: string[] }> {
  const others = (await t.service.listResellerAdmins(p)).filter(
    (a) => a.role === 'reseller_admin' && a.adminId !== p.adminId,
  );
  const sentTo: string[] = [];
  const unreachable: string[] = [];
  for (const admin of others) {
    const card = approvalCard({
      resellerName: p.resellerName,
      draft,
      viewerAdminId: admin.adminId,
      intro: `${p.name} asks you to approve this import (${p.resellerName} requires a second approver).`,
    });
    if (await t.sendToAdmin(admin, card)) sentTo.push(admin.name);
    else unreachable.push(admin.name);
  }
  return { sentTo, unreachable };
}

/** The card for a draft's current state, as this viewer may see it. */
export async function draftStateCard(t: JourneyContext, p: Principal, draft: ImportDraft, error?: string): Promise<AdaptiveCard> {
  if (draft.status === 'cancelled') return cancelledCard({ resellerName: p.resellerName, draft });
  if (draft.status === 'approved' && draft.importId) {
    const result = await t.service.getImport(p, draft.importId);
    return resultOrProgress(p, draft, result);
  }
  // a pending draft whose last approval failed says why, so the next approver knows what to fix
  const reason = error ?? (draft.lastFailure ? `The last approval failed: ${draft.lastFailure.reason}` : undefined);
  return approvalCard({ resellerName: p.resellerName, draft, viewerAdminId: p.adminId, ...(reason ? { error: reason } : {}) });
}

function resultOrProgress(p: Principal, draft: ImportDraft, result: ImportRecord): AdaptiveCard {
  if (result.status === 'running') {
    return progressCard({ resellerName: p.resellerName, draft, done: result.imported.length, total: draft.toImport.length, approvedBy: draft.closedBy?.name ?? '' });
  }
  return resultCard({ resellerName: p.resellerName, draft, result });
}

/** `halo.refreshDraft`: everyone in a channel sees the current state; outsiders see no details. */
export async function refreshDraft(t: JourneyContext, draftId: string): Promise<AdaptiveCard> {
  let p: Principal;
  let draft: ImportDraft;
  try {
    p = await t.admin();
    draft = await t.service.getDraft(p, draftId);
  } catch (error) {
    if (isAppError(error) && error.status >= 400 && error.status < 500) return outsiderDraftCard();
    throw error;
  }
  return draftStateCard(t, p, draft);
}

/** `halo.cancelImport`: closes a pending draft; a closed one just shows how it ended. */
export async function cancelImport(t: JourneyContext, draftId: string): Promise<AdaptiveCard> {
  const p = await t.admin();
  try {
    const draft = await t.service.cancelDraft(p, draftId);
    return cancelledCard({ resellerName: p.resellerName, draft });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'draft_closed') throw error;
    return draftStateCard(t, p, await t.service.getDraft(p, draftId));
  }
}

/**
 * `halo.approveImport`: runs the import once. A second approve shows the first result. When the
 * import outlasts `progressAfterMs`, the invoke answers with a progress card at once and the
 * card is updated proactively until the result.
 */
export async function approveImport(t: JourneyContext, draftId: string): Promise<AdaptiveCard> {
  const p = await t.admin();
  const draft = await t.service.getDraft(p, draftId);
  if (draft.status !== 'pending') return draftStateCard(t, p, draft);
  if (draft.requireSecondApprover && draft.requestedBy.adminId === p.adminId) {
    return approvalCard({
      resellerName: p.resellerName,
      draft,
      viewerAdminId: p.adminId,
      error: `You asked for this import, and ${p.resellerName} requires a second approver: another reseller admin has to approve it.`,
    });
  }

  let progress = { done: 0, total: draft.toImport.length };
  const listener: { onProgress?: () => void } = {};
  const running = t.service.approveDraft(p, draftId, (done, total) => {
    progress = { done, total };
    listener.onProgress?.();
  });
  const early = await settleWithin(running, t.progressAfterMs);
  const update = early ? undefined : t.laterUpdater();
  if (early || !update) {
    const { draft: closed, result } = early ? early.unwrap() : await running;
    return resultOrProgress(p, closed, result);
  }

  const progressCardNow = () => progressCard({ resellerName: p.resellerName, draft, ...progress, approvedBy: p.name });
  // Updates go out one after another, so a late progress card never overwrites the result.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (card: () => AdaptiveCard) => {
    queue = queue.then(() => update(card())).catch((error: unknown) => t.logger.warn('bot card update failed', { draftId, error }));
    return queue;
  };
  let lastUpdate = t.clock();
  listener.onProgress = () => {
    if (t.clock() - lastUpdate < t.progressEveryMs) return;
    lastUpdate = t.clock();
    void enqueue(progressCardNow);
  };
  void running
    .then(({ draft: closed, result }) => {
      delete listener.onProgress;
      return enqueue(() => resultOrProgress(p, closed, result));
    })
    .catch((error: unknown) => {
      delete listener.onProgress;
      const code = isAppError(error) ? error.code : 'internal';
      t.logger.error('bot import failed after the progress card', { draftId, code, detail: isAppError(error) ? error.detail : String(error) });
      const message = isAppError(error) ? error.message : 'The import failed on our side. Try again: nobody is ever imported twice.';
      return enqueue(() => errorCard({ code, message, retry: { verb: VERBS.approveImport, data: { draftId } } }));
    });
  return progressCardNow();
}

/** Resolves with the outcome if the promise settles within `ms`, else undefined. */
async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<{ unwrap(): T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ unwrap: () => value }),
        (error: unknown) => ({
          unwrap: () => {
            throw error;
          },
        }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
