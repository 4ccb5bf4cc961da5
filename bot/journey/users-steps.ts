import { isAppError } from '../../src/errors';
import type { AdaptiveCard } from '../cards';
import { approvalCard, usersCard } from '../cards';
import type { JourneyContext } from './journey-context';
import { notifyOtherApprovers } from './draft-steps';

/** `halo.loadUsers` and `halo.page`: one page of the group's users with eligibility. */
export async function showUsers(t: JourneyContext, teamId: string, groupId: number, page: number, error?: string): Promise<AdaptiveCard> {
  const p = await t.admin();
  await t.typing();
  const preview = await t.service.preview(p, teamId, groupId);
  return usersCard({ preview, page, ...(error ? { error } : {}) });
}

/** `halo.requestImport`: a draft in the store and the approval card for it. */
export async function requestImport(
  t: JourneyContext,
  request: {
    readonly teamId: string;
    readonly groupId: number;
    readonly page: number;
    readonly selection: { readonly kind: 'ids'; readonly haloUserIds: readonly number[] } | { readonly kind: 'allImportable' };
  },
): Promise<AdaptiveCard> {
  const p = await t.admin();
  if (request.selection.kind === 'ids' && request.selection.haloUserIds.length === 0) {
    return showUsers(t, request.teamId, request.groupId, request.page, 'Select at least one user, or use “Import all”.');
  }
  await t.typing();
  let draft;
  try {
    draft = await t.service.createDraft(p, { teamId: request.teamId, groupId: request.groupId, selection: request.selection });
  } catch (error) {
    // over the Team's limit: the way forward is a smaller selection on the same page
    if (isAppError(error) && error.code === 'team_full') return showUsers(t, request.teamId, request.groupId, request.page, error.message);
    throw error;
  }
  if (draft.toImport.length === 0) {
    await t.service.cancelDraft(p, draft.id);
    return showUsers(t, request.teamId, request.groupId, request.page, 'None of the selected users can be imported any more. The list below is up to date.');
  }
  const notified = draft.requireSecondApprover ? await notifyOtherApprovers(t, p, draft) : undefined;
  return approvalCard({ resellerName: p.resellerName, draft, viewerAdminId: p.adminId, ...(notified ? { notified } : {}) });
}
