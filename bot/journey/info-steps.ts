import type { ImportRecord } from '../../src/contracts';
import {
  type AdaptiveCard,
  disconnectConfirmCard,
  disconnectedCard,
  keptConnectionCard,
  statusCard,
} from '../cards';
import type { JourneyContext } from './journey-context';

/** Teams whose recent imports `status` looks at: bounds the work for resellers with many Teams. */
const STATUS_TEAMS = 20;
const STATUS_IMPORTS = 5;

/** `status`: is a connection stored, for which tenant, and the last imports. */
export async function showStatus(t: JourneyContext): Promise<AdaptiveCard> {
  const p = await t.admin();
  const [connection, teams] = await Promise.all([t.service.getConnection(p), t.service.listTeams(p)]);
  const perTeam = await Promise.all(
    teams.slice(0, STATUS_TEAMS).map(async (team) =>
      (await t.service.listImports(p, team.id)).map((i): ImportRecord & { teamName: string } => ({ ...i, teamName: team.name })),
    ),
  );
  const recentImports = perTeam
    .flat()
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, STATUS_IMPORTS);
  return statusCard({ resellerName: p.resellerName, connection, recentImports });
}

/** `disconnect halo`: the confirm card. */
export async function askDisconnect(t: JourneyContext): Promise<AdaptiveCard> {
  const p = await t.admin();
  return disconnectConfirmCard(await t.service.getConnection(p));
}

export async function confirmDisconnect(t: JourneyContext): Promise<AdaptiveCard> {
  const p = await t.admin();
  await t.service.deleteConnection(p);
  return disconnectedCard();
}

export async function keepConnection(t: JourneyContext): Promise<AdaptiveCard> {
  await t.admin();
  return keptConnectionCard();
}
