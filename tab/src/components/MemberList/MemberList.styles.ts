import { makeStyles, tokens } from '@fluentui/react-components';

export const useMemberListStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
});
