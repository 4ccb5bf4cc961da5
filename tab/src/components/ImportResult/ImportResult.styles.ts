import { makeStyles, tokens } from '@fluentui/react-components';

export const useImportResultStyles = makeStyles({
  root: { marginBlock: tokens.spacingVerticalS },
  body: { whiteSpace: 'normal' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, maxHeight: '160px', overflowY: 'auto' },
});
