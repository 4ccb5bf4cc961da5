import { makeStyles } from '@fluentui/react-components';

export const useTeamPickerStyles = makeStyles({
  field: { maxWidth: '420px', minWidth: 0 },
});
