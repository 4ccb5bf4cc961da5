import { Badge } from '@fluentui/react-components';
import { ELIGIBILITY_STATUSES, type StatusCounts as Counts } from '../../../../src/contracts';
import { STATUS_LABELS } from '../../state/grid-model';
import { useStatusCountsStyles } from './StatusCounts.styles';

/** How many users have each status; statuses with none are left out. */
export function StatusCounts({ counts }: { readonly counts: Counts }) {
  const styles = useStatusCountsStyles();
  return (
    <ul className={styles.list} aria-label="Users per status">
      {ELIGIBILITY_STATUSES.filter((s) => s === 'importable' || counts[s] > 0).map((s) => (
        <li key={s}>
          <Badge appearance="tint" color={s === 'importable' ? 'success' : 'informative'} shape="rounded" size="large">
            {STATUS_LABELS[s]}: {counts[s].toLocaleString('en-US')}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
