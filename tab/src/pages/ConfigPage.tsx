import { Body1, Link, Spinner, Title3 } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { ErrorBar } from '../components/ErrorBar/ErrorBar';
import { TeamPicker } from '../components/TeamPicker/TeamPicker';
import type { Host } from '../hooks/teams-host';
import { useLoad } from '../hooks/useLoad';
import { useTabConfig, type TabChoice } from '../hooks/useTabConfig';
import { usePageStyles } from './pages.styles';

/** The configurable tab's setup page: which BrainStation Team this channel imports into. */
export function ConfigPage({ api, host }: { api: ApiClient; host: Host }) {
  const styles = usePageStyles();
  const me = useLoad(() => api.me(), [api]);
  const teams = useLoad(() => api.teams(), [api]);
  const [choice, setChoice] = useState<TabChoice | undefined>();
  const isReseller = me.data?.user.role === 'reseller_admin';
  useTabConfig(host, isReseller ? choice : undefined);

  return (
    <main className={styles.page}>
      <Title3 as="h1">Set up Halo Import for this channel</Title3>
      <Body1 className={styles.prose}>
        Halo Import brings a customer&apos;s HaloPSA users into their BrainStation Team. Pick the BrainStation Team this
        channel is about; everyone in the channel then sees the same tab for that Team. A reseller admin connects
        HaloPSA once in the tab (Tenant ID, Client ID and Client Secret of a HaloPSA API application); after that,
        importing is: Load Groups, pick the customer, tick users, Import.
      </Body1>
      {me.error ? <ErrorBar title="You cannot set up Halo Import" message={me.error} /> : null}
      {teams.error ? <ErrorBar message={teams.error} onRetry={() => void teams.reload()} /> : null}
      {me.loading || teams.loading ? <Spinner label="Loading your Teams…" /> : null}
      {me.data && !isReseller ? (
        <ErrorBar
          title="Only reseller admins can add this tab"
          message="Ask your reseller (MSP) to add Halo Import to this channel. You can still see your Team's members in the personal app."
        />
      ) : null}
      {isReseller && teams.data ? (
        <TeamPicker
          teams={teams.data}
          selectedId={choice?.teamId}
          label="BrainStation Team for this channel"
          onSelect={(t) => setChoice({ teamId: t.id, teamName: t.name })}
        />
      ) : null}
      {host.mode === 'standalone' ? (
        <Body1 className={styles.muted}>Outside Teams this page only previews the setup: Teams saves it when you add the tab to a channel.</Body1>
      ) : null}
      <Body1 className={styles.muted}>
        Need help? See <Link href="/tab/about">help and support</Link>, the <Link href="/tab/privacy">privacy statement</Link> and the{' '}
        <Link href="/tab/terms">terms of use</Link>, or contact your BrainStation reseller.
      </Body1>
    </main>
  );
}
