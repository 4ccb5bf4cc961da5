import { makeStyles, tokens } from '@fluentui/react-components';

export const useGroupPickerStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  field: { flex: '1 1 260px', maxWidth: '420px', minWidth: 0 },
});
