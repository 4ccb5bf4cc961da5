import { Body1, Spinner, Subtitle1, Text, Title3 } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import type { ConnectionView, HaloGroup, Me } from '../../../src/contracts';
import { errorText, type ApiClient } from '../api/api-client';
import { AppBreadcrumbs } from '../components/AppBreadcrumbs/AppBreadcrumbs';
import { ConnectionPanel } from '../components/ConnectionPanel/ConnectionPanel';
import { ErrorBar } from '../components/ErrorBar/ErrorBar';
import { GroupImport } from '../components/GroupImport/GroupImport';
import { GroupPicker } from '../components/GroupPicker/GroupPicker';
import { MemberList } from '../components/MemberList/MemberList';
import { TeamPicker } from '../components/TeamPicker/TeamPicker';
import { useLoad } from '../hooks/useLoad';
import { usePageStyles } from './pages.styles';

export interface ContentPageProps {
  readonly api: ApiClient;
  /** from the channel tab's contentUrl (`?teamId=`); absent in the personal tab */
  readonly fixedTeamId: string | undefined;
}

/** The tab: the Team, the HaloPSA connection, a group, its users and the import. */
export function ContentPage({ api, fixedTeamId }: ContentPageProps) {
  const styles = usePageStyles();
  const me = useLoad(() => api.me(), [api]);
  const teams = useLoad(() => api.teams(), [api]);
  const [pickedTeamId, setPickedTeamId] = useState<string | undefined>();
  const teamId = fixedTeamId ?? pickedTeamId ?? (teams.data?.length === 1 ? teams.data[0]?.id : undefined);
  const team = teams.data?.find((t) => t.id === teamId);

  if (me.error) return <main className={styles.page}><ErrorBar title="You cannot use Halo Import yet" message={me.error} onRetry={() => void me.reload()} /></main>;
  if (!me.data || teams.loading) return <main className={styles.page}><Spinner label="Loading your Teams…" /></main>;

  return (
    <main className={styles.page}>
      <AppBreadcrumbs items={[me.data.reseller.name, team?.name ?? (fixedTeamId ? 'Team not found' : 'Choose a Team')]} />
      <Title3 as="h1">Import users from HaloPSA</Title3>
      {teams.error ? <ErrorBar message={teams.error} onRetry={() => void teams.reload()} /> : null}
      {fixedTeamId === undefined && teams.data && teams.data.length > 1 ? (
        <TeamPicker teams={teams.data} selectedId={teamId} onSelect={(t) => setPickedTeamId(t.id)} />
      ) : null}
      {fixedTeamId !== undefined && teams.data && !team ? (
        <ErrorBar title="Team not found" message="This tab points at a Team you cannot see. Ask a reseller admin to configure the tab again." />
      ) : null}
      {me.data.user.role === 'client_admin' ? (
        <ClientAdminView api={api} teamId={team?.id} />
      ) : (
        <ResellerView api={api} me={me.data} teamId={team?.id} />
      )}
    </main>
  );
}

function ClientAdminView({ api, teamId }: { api: ApiClient; teamId: string | undefined }) {
  const styles = usePageStyles();
  const members = useLoad(() => (teamId ? api.members(teamId) : Promise.resolve([])), [api, teamId], teamId !== undefined);
  return (
    <section className={styles.section} aria-label="Team members">
      <Body1 className={styles.prose}>
        Only your reseller (MSP) can import users from HaloPSA. Ask them to import the users you need; they appear
        below once imported.
      </Body1>
      {members.loading ? <Spinner label="Loading members…" /> : null}
      {members.error ? <ErrorBar message={members.error} onRetry={() => void members.reload()} /> : null}
      {members.data ? <MemberList members={members.data} /> : null}
    </section>
  );
}

function ResellerView({ api, me, teamId }: { api: ApiClient; me: Me; teamId: string | undefined }) {
  const styles = usePageStyles();
  const connection = useLoad(() => api.connection(), [api]);
  const [override, setOverride] = useState<ConnectionView | undefined>();
  const current = override ?? connection.data;
  const [groups, setGroups] = useState<HaloGroup[] | undefined>();
  const [groupsLoading, setGroupsLoading] = useState(false);
  const [groupsError, setGroupsError] = useState<string | undefined>();
  const [group, setGroup] = useState<HaloGroup | undefined>();

  const loadGroups = useCallback(async () => {
    setGroupsLoading(true);
    setGroupsError(undefined);
    try {
      setGroups(await api.groups());
    } catch (e) {
      setGroupsError(errorText(e));
    } finally {
      setGroupsLoading(false);
    }
  }, [api]);

  const previewEnabled = teamId !== undefined && group !== undefined && current?.configured === true;
  const preview = useLoad(() => api.preview(teamId as string, (group as HaloGroup).id), [api, teamId, group?.id], previewEnabled);
  const onImported = useCallback(() => preview.reload(), [preview]);
  const changed = useMemo(
    () => (c: ConnectionView) => {
      setOverride(c);
      setGroups(undefined);
      setGroup(undefined);
    },
    [],
  );

  if (connection.loading && !current) return <Spinner label="Checking the HaloPSA connection…" />;
  if (connection.error) return <ErrorBar message={connection.error} onRetry={() => void connection.reload()} />;
  if (!current) return null;

  return (
    <>
      <ConnectionPanel key={`${current.configured}-${current.updatedAt ?? ''}`} api={api} connection={current} onChanged={changed} />
      {current.configured ? (
        <section className={styles.section} aria-labelledby="group-title">
          <Subtitle1 as="h2" id="group-title">
            Choose a HaloPSA group
          </Subtitle1>
          <GroupPicker groups={groups} loading={groupsLoading} selectedId={group?.id} onLoad={() => void loadGroups()} onSelect={setGroup} />
          {groupsError ? <ErrorBar title="HaloPSA groups not loaded" message={groupsError} onRetry={() => void loadGroups()} /> : null}
        </section>
      ) : null}
      {teamId === undefined && current.configured ? <Text className={styles.muted}>Choose the Team to import into.</Text> : null}
      {previewEnabled ? (
        <section className={styles.section} aria-labelledby="users-title">
          <Subtitle1 as="h2" id="users-title">
            {`Users of ${group.name}`}
          </Subtitle1>
          {preview.loading && !preview.data ? <Spinner label={`Loading the users of ${group.name} from HaloPSA…`} /> : null}
          {preview.error ? <ErrorBar title="Users not loaded" message={preview.error} onRetry={() => void preview.reload()} /> : null}
          {preview.data && preview.data.group.id === group.id ? (
            <GroupImport key={`${teamId}-${group.id}`} api={api} preview={preview.data} onImported={onImported} />
          ) : null}
        </section>
      ) : null}
      <Text className={styles.muted} size={200}>
        Signed in as {me.user.name} (reseller admin of {me.reseller.name}). An import adds users to BrainStation; nothing
        changes in HaloPSA.
      </Text>
    </>
  );
}
