import { makeStyles, tokens } from '@fluentui/react-components';

export const ROW_HEIGHT = 44;

export const useUserGridStyles = makeStyles({
  table: {
    display: 'block',
    position: 'relative',
    height: 'min(60vh, 560px)',
    minHeight: '200px',
    overflowY: 'auto',
    overflowX: 'hidden',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  body: { position: 'relative', display: 'block' },
  row: {
    display: 'flex',
    alignItems: 'center',
    width: '100%',
    boxSizing: 'border-box',
    height: `${ROW_HEIGHT}px`,
  },
  virtualRow: { position: 'absolute', top: 0, left: 0 },
  blocked: { backgroundColor: tokens.colorNeutralBackground2 },
  select: { flex: '0 0 44px', display: 'flex', justifyContent: 'center' },
  name: { flex: '2 1 0', minWidth: 0 },
  email: { flex: '3 1 0', minWidth: 0 },
  site: {
    flex: '1 1 0',
    minWidth: 0,
    '@media (max-width: 560px)': { display: 'none' },
  },
  status: { flex: '3 1 0', minWidth: 0 },
  truncate: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block' },
  cross: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  tick: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  reason: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalXS, minWidth: 0 },
  empty: { padding: tokens.spacingVerticalXXL, textAlign: 'center', color: tokens.colorNeutralForeground3 },
});
