import type { HaloCredentialsInput, TeamSummary } from '../../src/contracts';
import { isAppError } from '../../src/errors';
import type { Principal } from '../../src/service';
import { type AdaptiveCard, chooseTeamCard, continueInPersonalCard, credentialsCard, groupsCard } from '../cards';
import { resolveTeam } from '../commands';
import type { JourneyContext } from './journey-context';

type TeamRef = { readonly id: string; readonly name: string };

/** `import halo users to <text>`: resolves the Team, then the next step for it. */
export async function startImport(t: JourneyContext, query: string): Promise<AdaptiveCard> {
  const p = await t.admin();
  const teams = await t.service.listTeams(p);
  const found = resolveTeam(query, teams);
  if (found.kind === 'match') return teamStep(t, p, found.team);
  if (found.kind === 'choose') {
    return chooseTeamCard({ resellerName: p.resellerName, teams: found.candidates, query, outcome: found.reason });
  }
  return chooseTeamCard({ resellerName: p.resellerName, teams: found.teams, query, outcome: 'no_match' });
}

/** `halo.chooseTeam`: a chosen Team continues the journey; none shows the choice. */
export async function chooseTeam(t: JourneyContext, teamId: string | undefined): Promise<AdaptiveCard> {
  const p = await t.admin();
  if (teamId === undefined) {
    const teams = await t.service.listTeams(p);
    return chooseTeamCard({ resellerName: p.resellerName, teams, outcome: 'none_given' });
  }
  return teamStep(t, p, await t.service.getTeam(p, teamId));
}

/** Credentials first if none are stored, else the HaloPSA customers to choose from. */
export async function teamStep(t: JourneyContext, p: Principal, team: TeamSummary | TeamRef): Promise<AdaptiveCard> {
  const connection = await t.service.getConnection(p);
  if (!connection.configured) return askCredentials(t, p, { team, replacing: false });
  await t.typing();
  const groups = await t.service.listGroups(p);
  return groupsCard({
    resellerName: p.resellerName,
    team: { id: team.id, name: team.name },
    tenantLabel: connection.tenantId || connection.baseUrl || '',
    groups,
  });
}

/** `halo.changeCredentials`: the credentials card, prefilled with everything but the secret. */
export async function changeCredentials(t: JourneyContext, teamId: string | undefined): Promise<AdaptiveCard> {
  const p = await t.admin();
  const team = teamId === undefined ? undefined : await t.service.getTeam(p, teamId);
  const connection = await t.service.getConnection(p);
  return askCredentials(t, p, {
    ...(team ? { team } : {}),
    replacing: connection.configured,
    prefill: { tenantId: connection.tenantId, clientId: connection.clientId, baseUrl: connection.baseUrl },
  });
}

/** `halo.saveCredentials`: verified by HaloPSA before anything is stored. */
export async function saveCredentials(
  t: JourneyContext,
  input: HaloCredentialsInput,
  teamId: string | undefined,
): Promise<AdaptiveCard> {
  const p = await t.admin();
  const team = teamId === undefined ? undefined : await t.service.getTeam(p, teamId);
  if (t.scope !== 'personal') return askCredentials(t, p, { ...(team ? { team } : {}), replacing: false });
  try {
    await t.typing();
    await t.service.saveConnection(p, input);
  } catch (error) {
    if (!isAppError(error) || !(error.code.startsWith('halo_') || error.code === 'bad_request')) throw error;
    return credentialsCard({
      resellerName: p.resellerName,
      ...(team ? { team } : {}),
      prefill: { tenantId: input.tenantId, clientId: input.clientId, baseUrl: input.baseUrl ?? null },
      error: `${error.message} Nothing was saved.`,
    });
  }
  if (team) return teamStep(t, p, team);
  return chooseTeam(t, undefined);
}

async function askCredentials(
  t: JourneyContext,
  p: Principal,
  options: { team?: TeamRef; replacing: boolean; prefill?: Parameters<typeof credentialsCard>[0]['prefill'] },
): Promise<AdaptiveCard> {
  const view = {
    resellerName: p.resellerName,
    ...(options.team ? { team: { id: options.team.id, name: options.team.name } } : {}),
    replacing: options.replacing,
    ...(options.prefill ? { prefill: options.prefill } : {}),
  };
  if (t.scope === 'personal') return credentialsCard(view);
  // a 1:1 message caused by a channel or group chat says where it came from (store item 51)
  const where = t.scope === 'channel' ? 'a channel' : 'a group chat';
  const intro = `You asked me in ${where} to import HaloPSA users${options.team ? ` into ${options.team.name}` : ''}. HaloPSA credentials are only entered here, in our 1:1 chat: connect HaloPSA, then carry on.`;
  return continueInPersonalCard({ sent: await t.continueInPersonal(credentialsCard({ ...view, intro })) });
}
