import { makeStyles } from '@fluentui/react-components';

export const useAppBreadcrumbsStyles = makeStyles({
  root: { minWidth: 0, overflowWrap: 'anywhere' },
});
