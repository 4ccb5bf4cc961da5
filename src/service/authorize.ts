import type { TeamSummary } from '../contracts';
import { AppError } from '../errors';
import type { TeamRow } from '../store';
import type { ServiceContext } from './service-context';
import type { Principal } from './service.types';

/** HaloPSA import and the connection are for reseller admins only (spec §1). */
export function requireResellerAdmin(principal: Principal): void {
  if (principal.role !== 'reseller_admin') {
    throw new AppError('reseller_admin_only', {
      detail: `admin ${principal.adminId} (${principal.role}) tried a reseller-admin action`,
    });
  }
}

/**
 * The Team, if this principal may see it: a reseller admin sees the reseller's Teams, a client
 * admin only their own. Anything else is `not_found`, so other resellers' ids reveal nothing.
 */
export async function visibleTeam(ctx: ServiceContext, principal: Principal, teamId: string): Promise<TeamRow> {
  const team = await ctx.store.teams.get(teamId);
  const visible =
    team !== undefined &&
    team.resellerId === principal.resellerId &&
    (principal.role === 'reseller_admin' || team.id === principal.teamId);
  if (!visible) throw new AppError('not_found', { detail: `team ${teamId} not visible to admin ${principal.adminId}` });
  return team;
}

export async function summarize(ctx: ServiceContext, teams: readonly TeamRow[]): Promise<TeamSummary[]> {
  const counts = await ctx.store.teams.countMembers(teams.map((t) => t.id));
  return teams.map((t) => ({ id: t.id, name: t.name, memberCount: counts.get(t.id) ?? 0, maxUsers: t.maxUsers }));
}
