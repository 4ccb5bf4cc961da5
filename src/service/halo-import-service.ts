import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import { requireResellerAdmin, summarize, visibleTeam } from './authorize';
import { deleteConnection, getConnection, listGroups, saveConnection } from './connection';
import { approveDraft, cancelDraft, createDraft, getDraft } from './drafts';
import { getImport, importUsers, listImports, preview } from './imports';
import type { HaloImportServiceDeps, ServiceContext } from './service-context';
import type { HaloImportService, Principal } from './service.types';
import { createHaloUsersCache } from './users-cache';
import { createPreviewCache } from './preview-cache';
import type { AdminRow, ResellerRow } from '../store';

/**
 * The application service behind the API and the bot. Roles come from the store, never from a
 * token; an object of another reseller is `not_found`; HaloPSA secrets are decrypted only to call
 * HaloPSA and never returned.
 * @example
 * const service = createHaloImportService({ store, halo, vault, clock: Date.now, logger });
 * const me = await service.resolveCaller({ entraTenantId, entraObjectId });
 * const preview = await service.preview(me, 'team-x', 12);
 */
export function createHaloImportService(deps: HaloImportServiceDeps): HaloImportService {
  const ctx: ServiceContext = {
    store: deps.store,
    halo: deps.halo,
    vault: deps.vault,
    clock: deps.clock,
    logger: deps.logger,
    newId: deps.newId ?? randomUUID,
    cache: createHaloUsersCache(deps.clock, deps.usersCacheTtlMs ?? 60_000),
    previews: createPreviewCache(deps.clock, { ttlMs: deps.previewCacheTtlMs ?? 30_000 }),
    now: () => new Date(deps.clock()).toISOString(),
  };

  return {
    async resolveCaller(caller) {
      const admin = await ctx.store.resellers.findAdmin(caller.entraTenantId, caller.entraObjectId);
      const reseller = admin && (await ctx.store.resellers.get(admin.resellerId));
      if (!admin || !reseller) {
        throw new AppError('unknown_caller', { detail: `no admin ${caller.entraTenantId}/${caller.entraObjectId}` });
      }
      return toPrincipal(admin, reseller);
    },
    me: (p) => ({ user: { name: p.name, role: p.role }, reseller: { id: p.resellerId, name: p.resellerName } }),
    async listTeams(p) {
      const teams =
        p.role === 'reseller_admin'
          ? await ctx.store.teams.listByReseller(p.resellerId)
          : p.teamId === null
            ? []
            : [await visibleTeam(ctx, p, p.teamId)];
      return summarize(ctx, teams);
    },
    async getTeam(p, teamId) {
      const [summary] = await summarize(ctx, [await visibleTeam(ctx, p, teamId)]);
      return summary!;
    },
    getConnection: (p) => getConnection(ctx, p),
    saveConnection: (p, input) => saveConnection(ctx, p, input),
    deleteConnection: (p) => deleteConnection(ctx, p),
    listGroups: (p) => listGroups(ctx, p),
    preview: (p, teamId, groupId) => preview(ctx, p, teamId, groupId),
    importUsers: (p, request, onProgress) => importUsers(ctx, p, request, onProgress),
    getImport: (p, id) => getImport(ctx, p, id),
    listImports: (p, teamId) => listImports(ctx, p, teamId),
    async listMembers(p, teamId) {
      const team = await visibleTeam(ctx, p, teamId);
      return ctx.store.teams.listMembers(team.id);
    },
    createDraft: (p, request) => createDraft(ctx, p, request),
    getDraft: (p, id) => getDraft(ctx, p, id),
    approveDraft: (p, id, onProgress) => approveDraft(ctx, p, id, onProgress),
    cancelDraft: (p, id) => cancelDraft(ctx, p, id),
    async listResellerAdmins(p) {
      requireResellerAdmin(p);
      const reseller = await ctx.store.resellers.get(p.resellerId);
      if (!reseller) throw new AppError('not_found', { detail: `reseller ${p.resellerId} vanished` });
      const admins = await ctx.store.resellers.listAdmins(p.resellerId, 'reseller_admin');
      return admins.filter((a) => a.id !== p.adminId).map((a) => toPrincipal(a, reseller));
    },
  };
}

function toPrincipal(admin: AdminRow, reseller: ResellerRow): Principal {
  return {
    adminId: admin.id,
    entraTenantId: admin.entraTenantId,
    entraObjectId: admin.entraObjectId,
    name: admin.name,
    role: admin.role,
    resellerId: reseller.id,
    resellerName: reseller.name,
    teamId: admin.role === 'client_admin' ? admin.teamId : null,
  };
}
