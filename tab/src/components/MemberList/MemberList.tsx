import { Text } from '@fluentui/react-components';
import type { Member } from '../../../../src/contracts';
import { useMemberListStyles } from './MemberList.styles';

/** The members of a Team (read-only; what a client admin sees). */
export function MemberList({ members }: { readonly members: readonly Member[] }) {
  const styles = useMemberListStyles();
  if (members.length === 0) return <Text>This Team has no members yet.</Text>;
  return (
    <ul className={styles.list} aria-label="Team members">
      {members.slice(0, 500).map((m) => (
        <li key={m.accountId}>
          {m.name} <span className={styles.muted}>({m.email}, added {new Date(m.addedAt).toLocaleDateString()} via {m.source})</span>
        </li>
      ))}
    </ul>
  );
}
