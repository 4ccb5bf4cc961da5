import type { Preview, PreviewUser } from '../../src/contracts';
import {
  type AdaptiveCard,
  type CardElement,
  type ExecuteAction,
  breadcrumbs,
  card,
  escapeMarkdown,
  execute,
  heading,
  notice,
  plural,
  text,
} from './card-kit';
import { INPUTS, VERBS } from './verbs';

/** Rows per page: keeps every users card far below Teams' message size limit. */
export const PAGE_SIZE = 25;

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/** Clamps a requested page (1-based) into the pages that exist. */
export function clampPage(page: number, total: number): number {
  return Math.min(Math.max(1, Math.trunc(page) || 1), pageCount(total));
}

function who(u: PreviewUser): string {
  const email = u.email.trim() === '' ? 'no email' : u.email.trim();
  return `${u.name.trim() || `Halo #${u.haloId}`} · ${email}`;
}

/**
 * One page of a group's users: the importable ones as a multi-select (all of the page
 * selected), the others with a red ✗ and the reason. Pages hold at most {@link PAGE_SIZE} rows.
 */
export function usersCard(input: { readonly preview: Preview; readonly page: number; readonly error?: string }): AdaptiveCard {
  const { preview } = input;
  const total = preview.users.length;
  const pages = pageCount(total);
  const page = clampPage(input.page, total);
  const rows = preview.users.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const importable = rows.filter((u) => u.status === 'importable');
  const blocked = rows.filter((u) => u.status !== 'importable');
  const importableTotal = preview.counts.importable;
  const ids = { teamId: preview.team.id, groupId: preview.group.id };

  const body: CardElement[] = [
    breadcrumbs([...preview.breadcrumbs, preview.group.name]),
    heading(`${escapeMarkdown(preview.group.name)}: ${plural(total, 'user')}`),
    text(
      `${importableTotal.toLocaleString('en-US')} can be imported, ${(total - importableTotal).toLocaleString('en-US')} cannot.${
        pages > 1 ? ` Page ${page} of ${pages}.` : ''
      }`,
      { isSubtle: true },
    ),
  ];
  if (input.error) body.push(notice(input.error));
  if (total === 0) {
    body.push(text('This HaloPSA customer has no users. Choose another customer.'));
    return card(body, [execute(VERBS.chooseTeam, 'Choose another customer', { teamId: preview.team.id })]);
  }
  if (importable.length > 0) {
    body.push({
      type: 'Input.ChoiceSet',
      id: INPUTS.userIds,
      label: pages > 1 ? 'Ready to import (this page)' : 'Ready to import',
      isMultiSelect: true,
      style: 'expanded',
      choices: importable.map((u) => ({ title: `✓ ${who(u)}`, value: String(u.haloId) })),
      value: importable.map((u) => u.haloId).join(','),
      wrap: true,
    });
  } else {
    body.push(text('Nobody on this page can be imported.', { isSubtle: true }));
  }
  if (blocked.length > 0) {
    body.push(text('Cannot be imported', { weight: 'Bolder' }));
    for (const u of blocked) {
      body.push(text(`✗ ${escapeMarkdown(who(u))}: ${escapeMarkdown(u.reason)}`, { color: 'Attention', spacing: 'Small' }));
    }
  }

  const actions: ExecuteAction[] = [];
  if (importable.length > 0) actions.push(execute(VERBS.requestImport, 'Import selected', { ...ids, page }, 'positive'));
  if (importableTotal > 0) {
    actions.push(
      execute(VERBS.requestImport, `Import all ${importableTotal.toLocaleString('en-US')} importable users`, {
        ...ids,
        allImportable: true,
      }),
    );
  }
  if (page > 1) actions.push(execute(VERBS.page, 'Previous page', { ...ids, page: page - 1 }));
  if (page < pages) actions.push(execute(VERBS.page, 'Next page', { ...ids, page: page + 1 }));
  actions.push(execute(VERBS.chooseTeam, 'Other customer', { teamId: preview.team.id }));
  return card(body, actions);
}
