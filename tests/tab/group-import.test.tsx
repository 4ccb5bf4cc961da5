import './setup';
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ImportRecord, Preview } from '../../src/contracts';
import { ApiClientError, type ApiClient } from '../../tab/src/api/api-client';
import { GroupImport } from '../../tab/src/components/GroupImport/GroupImport';
import { ACME_USERS, bigPreview, previewOf } from '../fixtures/tab/preview';

type ImportCall = { teamId: string; body: { groupId: number; haloUserIds: number[] }; key: string };

/** A hand-written API fake: records every import request and answers like the server. */
class FakeImportApi implements Pick<ApiClient, 'importUsers'> {
  readonly calls: ImportCall[] = [];
  failures: Error[] = [];
  async importUsers(teamId: string, body: { groupId: number; haloUserIds: number[] }, key: string): Promise<ImportRecord> {
    this.calls.push({ teamId, body, key });
    const failure = this.failures.shift();
    if (failure) throw failure;
    return {
      id: 'imp-1',
      status: 'completed',
      teamId,
      groupId: body.groupId,
      requestedBy: 'Ada Admin',
      approvedBy: null,
      createdAt: '2026-12-03T12:00:00.000Z',
      completedAt: '2026-12-03T12:00:01.000Z',
      imported: body.haloUserIds.slice(1).map((id) => ({ haloId: id, email: `${id}@acme.example`, accountId: `acc-${id}` })),
      skipped: body.haloUserIds.slice(0, 1).map((id) => ({ haloId: id, status: 'exists' as const, reason: 'Already has a BrainStation account' })),
      failed: [],
    };
  }
}

function renderImport(preview: Preview = previewOf(), api = new FakeImportApi()) {
  const onImported = jest.fn();
  let n = 0;
  const utils = render(
    <FluentProvider theme={teamsLightTheme}>
      <GroupImport api={api} preview={preview} onImported={onImported} newKey={() => `key-${++n}`} />
    </FluentProvider>,
  );
  return { ...utils, api, onImported, user: userEvent.setup() };
}

// Testing Library's role queries walk the whole accessibility tree: slow on a shared 2-core machine
jest.setTimeout(30_000);
/**
 * Under jsdom, Fluent's focus modalizer can leave aria-hidden on the surface (there is no real
 * focus), so the dialog's buttons are queried with hidden: true; the browser test checks the real thing.
 */
async function confirmDialog(): Promise<HTMLElement> {
  const title = await screen.findByText(/ into Team X\?$/, {}, { timeout: 5_000 });
  const dialog = title.closest('[role="dialog"]') as HTMLElement;
  return dialog;
}
const grid = () => screen.getByRole('table', { name: 'HaloPSA users of this group' });
const importButton = () => screen.getByRole('button', { name: /^Import [\d,]+ users?$/ });
const blocked = ACME_USERS.filter((u) => u.status !== 'importable');
const importable = ACME_USERS.filter((u) => u.status === 'importable');

describe('GroupImport grid', () => {
  it.each(blocked.map((u) => [u.status, u]))('a %s row shows a red cross with the reason, and cannot be selected', (_status, u) => {
    renderImport();
    const row = grid().querySelector(`[data-halo-id="${u.haloId}"]`) as HTMLElement;
    expect(row).toHaveAttribute('aria-disabled', 'true');
    expect(within(row).getByRole('img', { name: `Cannot be imported: ${u.reason}` })).toBeInTheDocument();
    expect(within(row).getByText(u.reason)).toBeVisible();
    expect(within(row).queryByRole('checkbox')).toBeNull();
  });

  it('importable rows have a checkbox named after the user and say Ready to import', () => {
    renderImport();
    for (const u of importable) {
      const row = grid().querySelector(`[data-halo-id="${u.haloId}"]`) as HTMLElement;
      expect(within(row).getByRole('checkbox', { name: `Select ${u.name}` })).not.toBeChecked();
      expect(within(row).getByText('Ready to import')).toBeInTheDocument();
    }
  });

  it('select all picks only the importable rows, and toggles back', async () => {
    const { user } = renderImport();
    expect(importButton()).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Select all 2 importable' }));
    expect(importButton()).toHaveAccessibleName('Import 2 users');
    expect(screen.getByRole('checkbox', { name: 'Select all importable users shown' })).toBeChecked();
    for (const u of importable) expect(screen.getByRole('checkbox', { name: `Select ${u.name}` })).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Select all importable users shown' }));
    expect(importButton()).toHaveAccessibleName('Import 0 users');
  });

  it('Import sends exactly the selected ids, after confirmation, then shows the result and refreshes', async () => {
    const { user, api, onImported } = renderImport();
    await user.click(screen.getByRole('checkbox', { name: 'Select Zoë Åkesson' }));
    await user.click(importButton());
    const dialog = await confirmDialog();
    expect(within(dialog).getByText('Import 1 user into Team X?')).toBeInTheDocument();
    expect(api.calls).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Import 1 user', hidden: true }));
    await waitFor(() => expect(onImported).toHaveBeenCalledTimes(1));
    expect(api.calls).toEqual([{ teamId: 'team-x', body: { groupId: 12, haloUserIds: [502] }, key: 'key-1' }]);
    expect(await screen.findByText(/Imported 0 users, skipped 1, failed 0/)).toBeInTheDocument();
    expect(screen.getByText(/Zoë Åkesson \(skipped: Already has a BrainStation account\)/)).toBeInTheDocument();
  });

  it('Cancel in the confirmation sends nothing', async () => {
    const { user, api } = renderImport();
    await user.click(screen.getByRole('checkbox', { name: 'Select Jane Doe' }));
    await user.click(importButton());
    await user.click(within(await confirmDialog()).getByRole('button', { name: 'Cancel', hidden: true }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.calls).toEqual([]);
  });

  it('shows an API failure in plain words and retries with the same idempotency key', async () => {
    const api = new FakeImportApi();
    api.failures.push(new ApiClientError(502, 'halo_unreachable', 'HaloPSA could not be reached. Check the Tenant ID, or the Base URL if you use a custom domain, and try again.'));
    const { user } = renderImport(previewOf(), api);
    await user.click(screen.getByRole('button', { name: 'Select all 2 importable' }));
    await user.click(importButton());
    await user.click(within(await confirmDialog()).getByRole('button', { name: 'Import 2 users', hidden: true }));
    expect(await screen.findByText(/HaloPSA could not be reached/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText(/Imported 1 user, skipped 1/);
    expect(api.calls.map((c) => c.key)).toEqual(['key-1', 'key-1']);
    expect(api.calls[1]?.body.haloUserIds).toEqual([501, 502]);
  });

  it('filters by search and importable only, and says when nothing matches', async () => {
    const { user } = renderImport();
    await user.type(screen.getByRole('searchbox', { name: 'Search users' }), 'warehouse');
    const rows = () => [...grid().querySelectorAll('[data-halo-id]')].map((r) => Number(r.getAttribute('data-halo-id')));
    expect(rows().sort()).toEqual(ACME_USERS.filter((u) => u.site === 'Warehouse').map((u) => u.haloId).sort());
    await user.click(screen.getByRole('switch', { name: 'Importable only' }));
    expect(rows()).toEqual([502]);
    await user.type(screen.getByRole('searchbox', { name: 'Search users' }), 'zzz');
    expect(screen.getByText('No user matches the search.')).toBeInTheDocument();
  });

  it('sorts by a column and reverses on a second click', async () => {
    const { user } = renderImport();
    const names = () => [...grid().querySelectorAll('[data-halo-id]')].map((r) => r.querySelector('[title]')?.getAttribute('title'));
    await user.click(screen.getByRole('button', { name: 'Name' }));
    const ascending = names();
    expect(ascending[0]).toBe('Bad Mail');
    await user.click(screen.getByRole('button', { name: 'Name' }));
    expect(names()).toEqual([...ascending].reverse());
  });

  it('keeps 10,000 rows virtual: only a window of them is in the DOM, and select all still counts them all', async () => {
    const preview = bigPreview(10_000);
    const { user } = renderImport(preview);
    expect(grid()).toHaveAttribute('aria-rowcount', '10001');
    const rendered = grid().querySelectorAll('[data-halo-id]').length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    const importableCount = preview.users.filter((u) => u.status === 'importable').length.toLocaleString('en-US');
    await user.click(screen.getByRole('button', { name: `Select all ${importableCount} importable` }));
    expect(importButton()).toHaveAccessibleName(`Import ${importableCount} users`);
  });
});
