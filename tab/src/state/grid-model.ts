import { ELIGIBILITY_STATUSES, type EligibilityStatus, type PreviewUser } from '../../../src/contracts';

/** Columns the grid sorts by. */
export type SortColumn = 'name' | 'email' | 'site' | 'status';
export interface SortState {
  readonly column: SortColumn;
  readonly direction: 'ascending' | 'descending';
}

/** What the toolbar narrows the grid to. */
export interface GridView {
  readonly search: string;
  readonly importableOnly: boolean;
  readonly sort: SortState;
}

export const DEFAULT_VIEW: GridView = { search: '', importableOnly: false, sort: { column: 'status', direction: 'ascending' } };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const STATUS_ORDER = new Map<EligibilityStatus, number>(ELIGIBILITY_STATUSES.map((s, i) => [s, i]));

/** The rows to show, filtered and sorted (pure; the grid memoizes it). */
export function visibleRows(users: readonly PreviewUser[], view: GridView): PreviewUser[] {
  const needle = view.search.trim().toLocaleLowerCase();
  const rows = users.filter(
    (u) =>
      (!view.importableOnly || u.status === 'importable') &&
      (needle === '' ||
        u.name.toLocaleLowerCase().includes(needle) ||
        u.email.toLocaleLowerCase().includes(needle) ||
        u.site.toLocaleLowerCase().includes(needle) ||
        u.reason.toLocaleLowerCase().includes(needle)),
  );
  const sign = view.sort.direction === 'ascending' ? 1 : -1;
  const by = compareBy(view.sort.column);
  return rows.sort((a, b) => sign * by(a, b) || collator.compare(a.name, b.name) || a.haloId - b.haloId);
}

function compareBy(column: SortColumn): (a: PreviewUser, b: PreviewUser) => number {
  switch (column) {
    case 'status':
      return (a, b) => (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0);
    default:
      return (a, b) => collator.compare(a[column], b[column]);
  }
}

/** Flips one row; rows that cannot be imported never enter the selection. */
export function toggleRow(selected: ReadonlySet<number>, user: PreviewUser): Set<number> {
  const next = new Set(selected);
  if (next.has(user.haloId)) next.delete(user.haloId);
  else if (user.status === 'importable') next.add(user.haloId);
  return next;
}

/** Selects every importable row shown, or clears them when all already are. */
export function toggleAllImportable(selected: ReadonlySet<number>, rows: readonly PreviewUser[]): Set<number> {
  const importable = rows.filter((r) => r.status === 'importable');
  const next = new Set(selected);
  const all = importable.length > 0 && importable.every((r) => next.has(r.haloId));
  for (const r of importable) {
    if (all) next.delete(r.haloId);
    else next.add(r.haloId);
  }
  return next;
}

/** The header checkbox state for the rows shown. */
export function selectionState(selected: ReadonlySet<number>, rows: readonly PreviewUser[]): boolean | 'mixed' {
  let importable = 0;
  let chosen = 0;
  for (const r of rows) {
    if (r.status !== 'importable') continue;
    importable += 1;
    if (selected.has(r.haloId)) chosen += 1;
  }
  if (chosen === 0) return false;
  return chosen === importable ? true : 'mixed';
}

/** Keeps only ids that are still importable (after a refresh, imported users became members). */
export function pruneSelection(selected: ReadonlySet<number>, users: readonly PreviewUser[]): Set<number> {
  const importable = new Set(users.filter((u) => u.status === 'importable').map((u) => u.haloId));
  return new Set([...selected].filter((id) => importable.has(id)));
}

/** Labels of each status for counts and filters. */
export const STATUS_LABELS: Record<EligibilityStatus, string> = {
  importable: 'Ready to import',
  member: 'Already members',
  exists: 'Have an account',
  no_email: 'No email',
  invalid_email: 'Invalid email',
  duplicate: 'Duplicates',
  inactive: 'Inactive',
};

/** "1 user" / "12 users". */
export function users(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'user' : 'users'}`;
}
