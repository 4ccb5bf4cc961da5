import { Button, Combobox, Field, Option, Spinner } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { HaloGroup } from '../../../../src/contracts';
import { useGroupPickerStyles } from './GroupPicker.styles';

export interface GroupPickerProps {
  /** undefined until "Load Groups" was pressed */
  readonly groups: readonly HaloGroup[] | undefined;
  readonly loading: boolean;
  readonly selectedId: number | undefined;
  onLoad(): void;
  onSelect(group: HaloGroup): void;
}

/** "Load Groups", then a searchable list of the HaloPSA customers (Clients). */
export function GroupPicker({ groups, loading, selectedId, onLoad, onSelect }: GroupPickerProps) {
  const styles = useGroupPickerStyles();
  const [query, setQuery] = useState('');
  const selected = groups?.find((g) => g.id === selectedId);
  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    const all = groups ?? [];
    return (q === '' || q === selected?.name.toLocaleLowerCase() ? all : all.filter((g) => g.name.toLocaleLowerCase().includes(q))).slice(0, 200);
  }, [groups, query, selected]);

  return (
    <div className={styles.root}>
      <Button onClick={onLoad} disabled={loading}>
        {groups ? 'Reload groups' : 'Load Groups'}
      </Button>
      {loading ? <Spinner size="tiny" label="Loading HaloPSA groups…" /> : null}
      {groups ? (
        <Field
          className={styles.field}
          label="HaloPSA group (customer)"
          hint={groups.length === 0 ? 'HaloPSA has no customers for this API application.' : `${groups.length} groups; type to search`}
        >
          <Combobox
            placeholder="Search groups"
            value={query || selected?.name || ''}
            selectedOptions={selected ? [String(selected.id)] : []}
            onChange={(e) => setQuery(e.target.value)}
            onOptionSelect={(_e, d) => {
              const group = groups.find((g) => String(g.id) === d.optionValue);
              if (group) {
                setQuery('');
                onSelect(group);
              }
            }}
          >
            {shown.map((g) => (
              <Option key={g.id} value={String(g.id)} text={g.name}>
                {g.name}
              </Option>
            ))}
            {shown.length === 0 ? (
              <Option key="none" value="" text="" disabled>
                No group matches
              </Option>
            ) : null}
          </Combobox>
        </Field>
      ) : null}
    </div>
  );
}
