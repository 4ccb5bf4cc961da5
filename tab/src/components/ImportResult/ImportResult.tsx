import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ImportRecord } from '../../../../src/contracts';
import { users } from '../../state/grid-model';
import { useImportResultStyles } from './ImportResult.styles';

export interface ImportResultProps {
  readonly record: ImportRecord;
  /** Halo id -> display name, for the reasons list */
  readonly names: ReadonlyMap<number, string>;
  onDismiss(): void;
}

/** The outcome of an import: counts, then every skipped or failed user with the reason. */
export function ImportResult({ record, names, onDismiss }: ImportResultProps) {
  const styles = useImportResultStyles();
  const problems = [
    ...record.skipped.map((s) => ({ id: s.haloId, reason: `skipped: ${s.reason}` })),
    ...record.failed.map((f) => ({ id: f.haloId, reason: `failed: ${f.reason}` })),
  ];
  const name = (id: number) => names.get(id) ?? `HaloPSA user #${id}`;
  return (
    <MessageBar intent={record.failed.length > 0 ? 'warning' : 'success'} layout="multiline" className={styles.root} aria-live="polite" role="status">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>
          Imported {users(record.imported.length)}, skipped {record.skipped.length}, failed {record.failed.length}.
        </MessageBarTitle>
        {problems.length > 0 ? (
          <ul className={styles.list} aria-label="Users not imported">
            {problems.slice(0, 200).map((p) => (
              <li key={p.id}>
                {name(p.id)} ({p.reason})
              </li>
            ))}
            {problems.length > 200 ? <li>and {problems.length - 200} more</li> : null}
          </ul>
        ) : null}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onDismiss}>Dismiss</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
