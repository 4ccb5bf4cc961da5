import { Dropdown, Field, Option } from '@fluentui/react-components';
import type { TeamSummary } from '../../../../src/contracts';
import { useTeamPickerStyles } from './TeamPicker.styles';

export interface TeamPickerProps {
  readonly teams: readonly TeamSummary[];
  readonly selectedId: string | undefined;
  readonly label?: string;
  onSelect(team: TeamSummary): void;
}

/** Chooses the BrainStation Team (personal tab, configuration page). */
export function TeamPicker({ teams, selectedId, label = 'BrainStation Team', onSelect }: TeamPickerProps) {
  const styles = useTeamPickerStyles();
  const selected = teams.find((t) => t.id === selectedId);
  return (
    <Field label={label} className={styles.field} hint={teams.length === 0 ? 'Your reseller has no Teams yet.' : undefined}>
      <Dropdown
        placeholder="Choose a Team"
        value={selected?.name ?? ''}
        selectedOptions={selected ? [selected.id] : []}
        onOptionSelect={(_e, d) => {
          const team = teams.find((t) => t.id === d.optionValue);
          if (team) onSelect(team);
        }}
      >
        {teams.map((t) => (
          <Option key={t.id} value={t.id} text={t.name}>
            {`${t.name} (${t.memberCount} members${t.maxUsers === null ? '' : `, limit ${t.maxUsers}`})`}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
