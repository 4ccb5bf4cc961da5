import type { ImportRecord } from '../../src/contracts';
import type { ImportDraft } from '../../src/service';
import {
  type AdaptiveCard,
  type CardElement,
  breadcrumbs,
  capped,
  card,
  escapeMarkdown,
  execute,
  facts,
  formatTime,
  heading,
  notice,
  plural,
  text,
} from './card-kit';
import { VERBS } from './verbs';

/** Names listed per section; the counts are always exact. */
export const MAX_NAMES = 20;

/** Everyone in a channel refreshes to the current state of the draft (userIds omitted on purpose). */
function refreshFor(draftId: string): AdaptiveCard['refresh'] {
  return { action: { type: 'Action.Execute', verb: VERBS.refreshDraft, data: { draftId } } };
}

function crumbs(resellerName: string, draft: ImportDraft): CardElement {
  return breadcrumbs([resellerName, draft.teamName, draft.groupName]);
}

function nameOf(draft: ImportDraft, haloId: number): string {
  return (
    draft.toImport.find((u) => u.haloId === haloId)?.name ??
    draft.skipped.find((u) => u.haloId === haloId)?.name ??
    `Halo #${haloId}`
  );
}

export interface ApprovalView {
  readonly resellerName: string;
  readonly draft: ImportDraft;
  /** who looks at the card: decides whether Approve is offered (second-approver rule) */
  readonly viewerAdminId: string | null;
  /** the 1:1 chats the approval card was sent to, and the admins it could not reach */
  readonly notified?: { readonly sentTo: readonly string[]; readonly unreachable: readonly string[] };
  readonly error?: string;
  /** why this card arrived in a 1:1 chat (sent from another conversation) */
  readonly intro?: string;
}

/** "Import N users into Team X from <group>?" with who asked and what will be skipped and why. */
export function approvalCard(view: ApprovalView): AdaptiveCard {
  const { draft } = view;
  const n = draft.toImport.length;
  const body: CardElement[] = [
    ...(view.intro ? [notice(view.intro, 'info')] : []),
    crumbs(view.resellerName, draft),
    heading(`Import ${plural(n, 'user')} into ${escapeMarkdown(draft.teamName)} from ${escapeMarkdown(draft.groupName)}?`),
    text(`Asked by ${escapeMarkdown(draft.requestedBy.name)} on ${formatTime(draft.createdAt)}.`, { isSubtle: true }),
  ];
  if (view.error) body.push(notice(view.error));
  if (n > 0) body.push(text(capped(draft.toImport, MAX_NAMES, (u) => `✓ ${escapeMarkdown(u.name)} · ${escapeMarkdown(u.email)}`).join('\n\n')));
  if (draft.skipped.length > 0) {
    body.push(text(`${plural(draft.skipped.length, 'user')} will be skipped`, { weight: 'Bolder' }));
    body.push(
      text(capped(draft.skipped, MAX_NAMES, (s) => `✗ ${escapeMarkdown(s.name)}: ${escapeMarkdown(s.reason)}`).join('\n\n'), {
        color: 'Attention',
      }),
    );
  }
  const waiting = draft.requireSecondApprover && view.viewerAdminId === draft.requestedBy.adminId;
  if (waiting) {
    body.push(notice(`${view.resellerName} requires a second approver: this waits for another reseller admin to approve.`, 'info'));
  }
  if (view.notified) {
    const { sentTo, unreachable } = view.notified;
    if (sentTo.length > 0) body.push(text(`Sent for approval to ${sentTo.map(escapeMarkdown).join(', ')} in their 1:1 chat.`, { isSubtle: true }));
    if (unreachable.length > 0) {
      body.push(
        text(
          `I could not reach ${unreachable.map(escapeMarkdown).join(', ')}: they have not chatted with me yet. Ask them to open ${'Halo Import'} in Teams, or forward this card.`,
          { isSubtle: true },
        ),
      );
    }
  }
  const cancel = execute(VERBS.cancelImport, 'Cancel', { draftId: draft.id });
  const actions = waiting || n === 0 ? [cancel] : [execute(VERBS.approveImport, `Approve and import ${n}`, { draftId: draft.id }, 'positive'), cancel];
  return card(body, actions, refreshFor(draft.id));
}

/** Shown at once when an import takes more than a moment; updated until the result. */
export function progressCard(input: {
  readonly resellerName: string;
  readonly draft: ImportDraft;
  readonly done: number;
  readonly total: number;
  readonly approvedBy: string;
}): AdaptiveCard {
  const { draft } = input;
  return card(
    [
      crumbs(input.resellerName, draft),
      heading(`Importing ${plural(input.total, 'user')} into ${escapeMarkdown(draft.teamName)}…`),
      text(`${input.done.toLocaleString('en-US')} of ${input.total.toLocaleString('en-US')} done. This card updates by itself.`),
      text(`Approved by ${escapeMarkdown(input.approvedBy)}.`, { isSubtle: true }),
    ],
    [],
    refreshFor(draft.id),
  );
}

/** Final, read-only: imported / skipped / failed counts and names, who approved and when. */
export function resultCard(input: { readonly resellerName: string; readonly draft: ImportDraft; readonly result: ImportRecord }): AdaptiveCard {
  const { draft, result } = input;
  const approver = draft.closedBy?.name ?? result.approvedBy ?? result.requestedBy;
  const when = draft.closedAt ?? result.completedAt ?? result.createdAt;
  const body: CardElement[] = [
    crumbs(input.resellerName, draft),
    heading(
      result.status === 'completed'
        ? `Imported ${plural(result.imported.length, 'user')} into ${escapeMarkdown(draft.teamName)}`
        : result.status === 'running'
          ? `Import into ${escapeMarkdown(draft.teamName)} is still running`
          : `The import into ${escapeMarkdown(draft.teamName)} failed`,
    ),
    facts([
      ['Imported', String(result.imported.length)],
      ['Skipped', String(result.skipped.length)],
      ['Failed', String(result.failed.length)],
      ['Asked by', draft.requestedBy.name],
      ['Approved by', approver],
      ['When', formatTime(when)],
    ]),
  ];
  if (result.imported.length > 0) {
    body.push(text('Imported', { weight: 'Bolder' }));
    body.push(text(capped(result.imported, MAX_NAMES, (u) => `✓ ${escapeMarkdown(nameOf(draft, u.haloId))} · ${escapeMarkdown(u.email)}`).join('\n\n'), { color: 'Good' }));
  }
  if (result.skipped.length > 0) {
    body.push(text('Skipped', { weight: 'Bolder' }));
    body.push(text(capped(result.skipped, MAX_NAMES, (s) => `✗ ${escapeMarkdown(nameOf(draft, s.haloId))}: ${escapeMarkdown(s.reason)}`).join('\n\n'), { color: 'Attention' }));
  }
  if (result.failed.length > 0) {
    body.push(text('Failed', { weight: 'Bolder' }));
    body.push(text(capped(result.failed, MAX_NAMES, (f) => `✗ ${escapeMarkdown(nameOf(draft, f.haloId))}: ${escapeMarkdown(f.reason)}`).join('\n\n'), { color: 'Attention' }));
  }
  return card(body, [], refreshFor(draft.id));
}

/** Final, read-only: the request was cancelled; nothing was imported. */
export function cancelledCard(input: { readonly resellerName: string; readonly draft: ImportDraft }): AdaptiveCard {
  const { draft } = input;
  return card(
    [
      crumbs(input.resellerName, draft),
      heading(`Import into ${escapeMarkdown(draft.teamName)} cancelled`),
      text(
        `${escapeMarkdown(draft.closedBy?.name ?? 'A reseller admin')} cancelled it on ${formatTime(draft.closedAt)}. Nobody was imported.`,
      ),
    ],
    [],
    refreshFor(draft.id),
  );
}

/** What a channel member who may not act on the draft sees when the card refreshes for them. */
export function outsiderDraftCard(): AdaptiveCard {
  return card([
    text('A HaloPSA import request from Halo Import. Only the reseller’s admins can see its details and approve it.', { isSubtle: true }),
  ]);
}
