import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  ProgressBar,
  SearchBox,
  Switch,
  Text,
} from '@fluentui/react-components';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ImportRecord, Preview, PreviewUser } from '../../../../src/contracts';
import { errorText, type ApiClient } from '../../api/api-client';
import {
  DEFAULT_VIEW,
  pruneSelection,
  selectionState,
  toggleAllImportable,
  toggleRow,
  users,
  visibleRows,
  type GridView,
  type SortColumn,
} from '../../state/grid-model';
import { ErrorBar } from '../ErrorBar/ErrorBar';
import { ImportResult } from '../ImportResult/ImportResult';
import { StatusCounts } from '../StatusCounts/StatusCounts';
import { UserGrid } from '../UserGrid/UserGrid';
import { useGroupImportStyles } from './GroupImport.styles';

export interface GroupImportProps {
  readonly api: Pick<ApiClient, 'importUsers'>;
  readonly preview: Preview;
  /** reloads the preview after an import, so imported users show "Already a member" */
  readonly onImported: (record: ImportRecord) => Promise<void> | void;
  /** new idempotency keys (injected so tests can see them) */
  readonly newKey?: () => string;
}

/**
 * Pick users of one HaloPSA group and import them: search, filter, sort, select, confirm,
 * progress and result. A retry after a failure reuses the idempotency key, so a request that
 * did reach the server is never run twice.
 */
export function GroupImport({ api, preview, onImported, newKey = () => crypto.randomUUID() }: GroupImportProps) {
  const styles = useGroupImportStyles();
  const [view, setView] = useState<GridView>(DEFAULT_VIEW);
  const [selected, setSelected] = useState<Set<number>>(() => new Set());
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ImportRecord | undefined>();
  const [error, setError] = useState<string | undefined>();
  const attempt = useRef<{ signature: string; key: string } | undefined>(undefined);
  const inFlight = useRef(false);

  const liveSelection = useMemo(() => pruneSelection(selected, preview.users), [selected, preview.users]);
  const rows = useMemo(() => visibleRows(preview.users, view), [preview.users, view]);
  const names = useMemo(() => new Map(preview.users.map((u) => [u.haloId, u.name])), [preview.users]);
  const shownImportable = useMemo(() => rows.filter((r) => r.status === 'importable').length, [rows]);
  const count = liveSelection.size;

  const onToggle = useCallback((user: PreviewUser) => setSelected((s) => toggleRow(s, user)), []);
  const onToggleAll = useCallback(() => setSelected((s) => toggleAllImportable(s, rows)), [rows]);
  const onSort = useCallback(
    (column: SortColumn) =>
      setView((v) => ({
        ...v,
        sort: { column, direction: v.sort.column === column && v.sort.direction === 'ascending' ? 'descending' : 'ascending' },
      })),
    [],
  );

  async function runImport() {
    // a double click on Import must not send two requests (the server would dedupe them anyway)
    if (inFlight.current) return;
    inFlight.current = true;
    const ids = [...liveSelection].sort((a, b) => a - b);
    const signature = `${preview.team.id}|${preview.group.id}|${ids.join(',')}`;
    if (attempt.current?.signature !== signature) attempt.current = { signature, key: newKey() };
    setConfirming(false);
    setRunning(true);
    setError(undefined);
    setResult(undefined);
    try {
      const record = await api.importUsers(preview.team.id, { groupId: preview.group.id, haloUserIds: ids }, attempt.current.key);
      attempt.current = undefined;
      setResult(record);
      setSelected(new Set());
      await onImported(record);
    } catch (e) {
      setError(errorText(e));
    } finally {
      inFlight.current = false;
      setRunning(false);
    }
  }

  const emptyText =
    preview.users.length === 0
      ? 'This HaloPSA group has no users.'
      : view.importableOnly && preview.counts.importable === 0
        ? 'No user of this group can be imported: see the reasons with the filter off.'
        : 'No user matches the search.';

  return (
    <section className={styles.root} aria-label={`Users of ${preview.group.name}`}>
      <StatusCounts counts={preview.counts} />
      <div className={styles.toolbar}>
        <SearchBox
          className={styles.search}
          placeholder="Search name, email, site or reason"
          aria-label="Search users"
          value={view.search}
          onChange={(_e, d) => setView((v) => ({ ...v, search: d.value }))}
        />
        <Switch
          label="Importable only"
          checked={view.importableOnly}
          onChange={(_e, d) => setView((v) => ({ ...v, importableOnly: d.checked }))}
        />
        <Button onClick={onToggleAll} disabled={shownImportable === 0}>
          {selectionState(liveSelection, rows) === true ? 'Clear selection' : `Select all ${shownImportable.toLocaleString('en-US')} importable`}
        </Button>
      </div>
      <UserGrid
        rows={rows}
        selected={liveSelection}
        allState={selectionState(liveSelection, rows)}
        sort={view.sort}
        emptyText={emptyText}
        onToggle={onToggle}
        onToggleAll={onToggleAll}
        onSort={onSort}
      />
      <div className={styles.footer}>
        <Text className={styles.hint} aria-live="polite">
          {rows.length.toLocaleString('en-US')} of {users(preview.users.length)} shown, {count.toLocaleString('en-US')} selected
        </Text>
        <Button appearance="primary" disabled={count === 0 || running} onClick={() => setConfirming(true)}>
          {`Import ${users(count)}`}
        </Button>
      </div>
      {running ? (
        <Field validationMessage={`Importing ${users(count)} into ${preview.team.name}…`} validationState="none" className={styles.progress}>
          <ProgressBar aria-label="Import in progress" />
        </Field>
      ) : null}
      {error ? <ErrorBar title="The import did not finish" message={error} onRetry={() => void runImport()} /> : null}
      {result ? <ImportResult record={result} names={names} onDismiss={() => setResult(undefined)} /> : null}
      <Dialog open={confirming} onOpenChange={(_e, d) => setConfirming(d.open)}>
        <DialogSurface aria-describedby="import-confirm-text">
          <DialogBody>
            <DialogTitle>{`Import ${users(count)} into ${preview.team.name}?`}</DialogTitle>
            <DialogContent id="import-confirm-text">
              {`From the HaloPSA group ${preview.group.name}. Each user gets a BrainStation account if they have none and becomes a member of ${preview.team.name}. Users who cannot be imported any more are skipped and listed. Nothing changes in HaloPSA.`}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setConfirming(false)}>Cancel</Button>
              <Button appearance="primary" onClick={() => void runImport()}>
                {`Import ${users(count)}`}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
