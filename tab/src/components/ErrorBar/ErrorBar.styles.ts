import { makeStyles, tokens } from '@fluentui/react-components';

export const useErrorBarStyles = makeStyles({
  root: { marginBlock: tokens.spacingVerticalS },
  text: { whiteSpace: 'normal' },
});
