import type { EligibilityStatus } from '../../src/contracts';
import { pruneSelection, selectionState, toggleAllImportable, toggleRow, visibleRows, DEFAULT_VIEW } from '../../tab/src/state/grid-model';
import { ACME_USERS, user } from '../fixtures/tab/preview';

const ids = (rows: { haloId: number }[]) => rows.map((r) => r.haloId);

describe('grid model', () => {
  it.each([
    ['jane', false, [501, 506, 507]],
    ['ACME.EXAMPLE', true, [501, 502]],
    ['inactive in', false, [508]],
    ['  ', true, [501, 502]],
    ['nobody', false, []],
  ])('search %p (importable only: %p) shows %p', (search, importableOnly, expected) => {
    expect(ids(visibleRows(ACME_USERS, { ...DEFAULT_VIEW, search, importableOnly })).sort()).toEqual(expected);
  });

  it.each([
    ['name', 'ascending', ['Bad Mail', 'Existing User', 'Jane Doe']],
    ['name', 'descending', ['Zoë Åkesson', 'Taken Already', 'Old Timer']],
    ['status', 'ascending', ['Jane Doe', 'Zoë Åkesson', 'Existing User']],
  ] as const)('sorts by %s %s', (column, direction, firstThree) => {
    expect(visibleRows(ACME_USERS, { ...DEFAULT_VIEW, sort: { column, direction } }).slice(0, 3).map((u) => u.name)).toEqual(firstThree);
  });

  it.each(['member', 'exists', 'no_email', 'invalid_email', 'duplicate', 'inactive'] as EligibilityStatus[])('never selects a %s row', (status) => {
    expect(toggleRow(new Set(), user(1, 'X', status)).size).toBe(0);
  });

  it('select all takes only importable rows shown, then clears them', () => {
    const all = toggleAllImportable(new Set(), ACME_USERS);
    expect([...all].sort()).toEqual([501, 502]);
    expect(selectionState(all, ACME_USERS)).toBe(true);
    expect(selectionState(new Set([501]), ACME_USERS)).toBe('mixed');
    expect(toggleAllImportable(all, ACME_USERS).size).toBe(0);
  });

  it('drops selected users that are no longer importable after a refresh', () => {
    const refreshed = ACME_USERS.map((u) => (u.haloId === 501 ? { ...u, status: 'member' as const } : u));
    expect([...pruneSelection(new Set([501, 502]), refreshed)]).toEqual([502]);
  });
});
