import { FluentProvider, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useApiClient } from './hooks/useApiClient';
import { useTeamsHost } from './hooks/useTeamsHost';
import { ConfigPage } from './pages/ConfigPage';
import { ContentPage } from './pages/ContentPage';
import { LegalPage } from './pages/LegalPage';

const useAppStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground1 },
  connecting: { padding: tokens.spacingHorizontalXXL },
});

/** Picks the page from the path; the theme follows Teams. */
export function App() {
  const { host, theme, themeName } = useTeamsHost();
  const api = useApiClient(host);
  const styles = useAppStyles();
  const path = window.location.pathname.replace(/\/+$/, '');
  const teamId = new URLSearchParams(window.location.search).get('teamId') ?? undefined;

  let page;
  if (path.endsWith('/about')) page = <LegalPage kind="about" />;
  else if (path.endsWith('/privacy')) page = <LegalPage kind="privacy" />;
  else if (path.endsWith('/terms')) page = <LegalPage kind="terms" />;
  else if (!host || !api) page = <Spinner className={styles.connecting} label="Connecting to Microsoft Teams…" />;
  else if (path.endsWith('/config') || host.frameContext === 'settings') page = <ConfigPage api={api} host={host} />;
  else page = <ContentPage api={api} fixedTeamId={teamId} />;

  return (
    // the provider's own className would also land on portal mount nodes (dialogs, listboxes) and cover the page
    <FluentProvider theme={theme} data-theme={themeName}>
      <div className={styles.root}>{page}</div>
    </FluentProvider>
  );
}
