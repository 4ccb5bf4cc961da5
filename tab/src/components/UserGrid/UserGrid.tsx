import {
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  mergeClasses,
} from '@fluentui/react-components';
import { CheckmarkCircle16Filled, DismissCircle16Filled } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import type { PreviewUser } from '../../../../src/contracts';
import type { SortColumn, SortState } from '../../state/grid-model';
import { ROW_HEIGHT, useUserGridStyles } from './UserGrid.styles';

export interface UserGridProps {
  /** the rows to show, already filtered and sorted */
  readonly rows: readonly PreviewUser[];
  readonly selected: ReadonlySet<number>;
  readonly allState: boolean | 'mixed';
  readonly sort: SortState;
  readonly emptyText: string;
  onToggle(user: PreviewUser): void;
  onToggleAll(): void;
  onSort(column: SortColumn): void;
}

const COLUMNS: { id: SortColumn; label: string }[] = [
  { id: 'name', label: 'Name' },
  { id: 'email', label: 'Email' },
  { id: 'site', label: 'Site' },
  { id: 'status', label: 'Status' },
];

/**
 * The users of a HaloPSA group. Only the rows in view are in the DOM (10,000 rows scroll like
 * 10); rows that cannot be imported show a red cross with the reason and have no checkbox.
 */
export function UserGrid(props: UserGridProps) {
  const styles = useUserGridStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // jsdom and the first paint have no layout yet: assume a viewport rather than render nothing
    initialRect: { width: 800, height: 560 },
  });

  return (
    <Table
      ref={scrollRef}
      noNativeElements
      sortable
      aria-label="HaloPSA users of this group"
      aria-rowcount={props.rows.length + 1}
      className={styles.table}
    >
      <TableHeader className={styles.header}>
        <TableRow className={styles.row} aria-rowindex={1}>
          <TableHeaderCell className={styles.select} sortable={false}>
            <Checkbox
              checked={props.allState}
              disabled={!props.rows.some((r) => r.status === 'importable')}
              onChange={() => props.onToggleAll()}
              aria-label="Select all importable users shown"
            />
          </TableHeaderCell>
          {COLUMNS.map((c) => (
            <TableHeaderCell
              key={c.id}
              className={styles[c.id]}
              sortDirection={props.sort.column === c.id ? props.sort.direction : undefined}
              onClick={() => props.onSort(c.id)}
            >
              {c.label}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody className={styles.body} style={{ height: `${Math.max(virtualizer.getTotalSize(), props.rows.length === 0 ? ROW_HEIGHT : 0)}px` }}>
        {props.rows.length === 0 ? (
          <TableRow className={styles.row} aria-rowindex={2}>
            <TableCell className={styles.empty}>{props.emptyText}</TableCell>
          </TableRow>
        ) : (
          virtualizer.getVirtualItems().map((item) => {
            const user = props.rows[item.index] as PreviewUser;
            return (
              <UserRow
                key={user.haloId}
                user={user}
                rowIndex={item.index + 2}
                offset={item.start}
                checked={props.selected.has(user.haloId)}
                onToggle={props.onToggle}
              />
            );
          })
        )}
      </TableBody>
    </Table>
  );
}

interface UserRowProps {
  readonly user: PreviewUser;
  readonly rowIndex: number;
  readonly offset: number;
  readonly checked: boolean;
  onToggle(user: PreviewUser): void;
}

const UserRow = memo(function UserRow({ user, rowIndex, offset, checked, onToggle }: UserRowProps) {
  const styles = useUserGridStyles();
  const importable = user.status === 'importable';
  return (
    <TableRow
      aria-rowindex={rowIndex}
      aria-selected={importable ? checked : undefined}
      aria-disabled={importable ? undefined : true}
      data-halo-id={user.haloId}
      className={mergeClasses(styles.row, styles.virtualRow, !importable && styles.blocked)}
      // the one inline style: the virtual position, which changes per row and per scroll
      style={{ transform: `translateY(${offset}px)` }}
    >
      <TableCell className={styles.select}>
        {importable ? (
          <Checkbox checked={checked} onChange={() => onToggle(user)} aria-label={`Select ${user.name || `HaloPSA user ${user.haloId}`}`} />
        ) : (
          <DismissCircle16Filled role="img" aria-label={`Cannot be imported: ${user.reason}`} className={styles.cross} />
        )}
      </TableCell>
      <TableCell className={styles.name}>
        <span className={styles.truncate} title={user.name}>
          {user.name || '(no name)'}
        </span>
      </TableCell>
      <TableCell className={styles.email}>
        <span className={styles.truncate} title={user.email}>
          {user.email.trim() === '' ? '(none)' : user.email}
        </span>
      </TableCell>
      <TableCell className={styles.site}>
        <span className={styles.truncate} title={user.site}>
          {user.site}
        </span>
      </TableCell>
      <TableCell className={styles.status}>
        <span className={styles.reason}>
          {importable ? <CheckmarkCircle16Filled aria-hidden className={styles.tick} /> : null}
          <span className={styles.truncate} title={user.reason}>
            {user.reason}
          </span>
        </span>
      </TableCell>
    </TableRow>
  );
});
