import { haloCredentialsInputSchema, type ConnectionView, type HaloCredentialsInput, type HaloGroup, type HaloUser } from '../contracts';
import { AppError } from '../errors';
import type { ConnectionRow } from '../store';
import { requireResellerAdmin } from './authorize';
import type { HaloCallOptions, HaloConnectionParams } from './ports';
import type { ServiceContext } from './service-context';
import type { Principal } from './service.types';

// Someone waits for every HaloPSA call the service makes (a bot turn, a tab request): none may
// sit out HaloPSA's rate limit for minutes, Teams would resend the turn after 15 s.
const INTERACTIVE: HaloCallOptions = { interactive: true };

const NOT_CONFIGURED: ConnectionView = {
  configured: false,
  tenantId: null,
  clientId: null,
  baseUrl: null,
  updatedAt: null,
  updatedBy: null,
};

/** The connection as anyone allowed may see it: never the secret, not even encrypted. */
export function toView(row: ConnectionRow | undefined): ConnectionView {
  if (!row) return NOT_CONFIGURED;
  return {
    configured: true,
    tenantId: row.tenantId,
    clientId: row.clientId,
    baseUrl: row.baseUrl,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

export async function getConnection(ctx: ServiceContext, principal: Principal): Promise<ConnectionView> {
  requireResellerAdmin(principal);
  return toView(await ctx.store.connections.get(principal.resellerId));
}

/** Verifies with HaloPSA first; nothing is stored when HaloPSA refuses. */
export async function saveConnection(
  ctx: ServiceContext,
  principal: Principal,
  raw: HaloCredentialsInput,
): Promise<ConnectionView> {
  requireResellerAdmin(principal);
  const parsed = haloCredentialsInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('bad_request', {
      message: `The HaloPSA credentials are not complete: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}.`,
    });
  }
  const input = parsed.data;
  if (input.tenantId === '' && input.baseUrl === undefined) {
    throw new AppError('bad_request', {
      message: 'Enter the HaloPSA Tenant ID, or the Base URL if your HaloPSA uses a custom domain.',
    });
  }
  const params: HaloConnectionParams = {
    tenantId: input.tenantId,
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    baseUrl: input.baseUrl,
  };
  await ctx.halo.verify(params, INTERACTIVE);

  const row = await ctx.store.transaction(async (repos) => {
    const saved = await repos.connections.save({
      resellerId: principal.resellerId,
      tenantId: input.tenantId,
      clientId: input.clientId,
      baseUrl: input.baseUrl ?? null,
      // bound to the reseller: a ciphertext copied to another reseller's row does not open
      secretCiphertext: ctx.vault.encrypt(input.clientSecret, principal.resellerId),
      keyId: ctx.vault.currentKeyId,
      updatedAt: ctx.now(),
      updatedBy: principal.name,
    });
    await repos.audit.append({
      id: ctx.newId(),
      at: saved.updatedAt,
      actor: principal.adminId,
      action: 'connection.saved',
      resellerId: principal.resellerId,
      teamId: null,
      details: { tenantId: saved.tenantId, clientId: saved.clientId, baseUrl: saved.baseUrl, version: saved.version },
    });
    return saved;
  });
  ctx.cache.forget(principal.resellerId);
  ctx.logger.info('halo connection saved', { resellerId: principal.resellerId, tenantId: row.tenantId, by: principal.adminId });
  return toView(row);
}

export async function deleteConnection(ctx: ServiceContext, principal: Principal): Promise<void> {
  requireResellerAdmin(principal);
  await ctx.store.transaction(async (repos) => {
    if (!(await repos.connections.delete(principal.resellerId))) return;
    await repos.audit.append({
      id: ctx.newId(),
      at: ctx.now(),
      actor: principal.adminId,
      action: 'connection.removed',
      resellerId: principal.resellerId,
      teamId: null,
      details: {},
    });
  });
  ctx.cache.forget(principal.resellerId);
}

/** The stored connection, decrypted only to talk to HaloPSA. */
export async function openConnection(
  ctx: ServiceContext,
  resellerId: string,
): Promise<{ params: HaloConnectionParams; version: number }> {
  const row = await ctx.store.connections.get(resellerId);
  if (!row) throw new AppError('halo_not_configured');
  const clientSecret = ctx.vault.decrypt(row.secretCiphertext, resellerId);
  if (ctx.vault.needsRotation(row.secretCiphertext)) {
    ctx.logger.warn('halo secret is encrypted under the previous key: save the connection again to re-encrypt', {
      resellerId,
      storedKeyId: row.keyId,
    });
  }
  return {
    params: { tenantId: row.tenantId, clientId: row.clientId, clientSecret, baseUrl: row.baseUrl ?? undefined },
    version: row.version,
  };
}

export async function listGroups(ctx: ServiceContext, principal: Principal): Promise<HaloGroup[]> {
  requireResellerAdmin(principal);
  const { params, version } = await openConnection(ctx, principal.resellerId);
  return ctx.cache.refreshGroups({ resellerId: principal.resellerId, connectionVersion: version }, () =>
    ctx.halo.listGroups(params, INTERACTIVE),
  );
}

/** The group (named) and its users, through the brief cache, and the connection version they came with. */
export async function groupWithUsers(
  ctx: ServiceContext,
  resellerId: string,
  groupId: number,
): Promise<{ group: HaloGroup; users: HaloUser[]; connectionVersion: number }> {
  const { params, version } = await openConnection(ctx, resellerId);
  const key = { resellerId, connectionVersion: version };
  const [groups, users] = await Promise.all([
    ctx.cache.groups(key, () => ctx.halo.listGroups(params, INTERACTIVE)),
    ctx.cache.users(key, groupId, () => ctx.halo.listUsers(params, groupId, INTERACTIVE)),
  ]);
  // a customer created in HaloPSA after the groups were cached: ask once more before saying no
  const group =
    groups.find((g) => g.id === groupId) ??
    (await ctx.cache.refreshGroups(key, () => ctx.halo.listGroups(params, INTERACTIVE))).find((g) => g.id === groupId);
  if (!group) {
    throw new AppError('not_found', {
      message: `HaloPSA has no customer with id ${groupId}. Load the groups again and pick one from the list.`,
      detail: `group ${groupId} not among ${groups.length} groups of reseller ${resellerId}`,
    });
  }
  return { group, users, connectionVersion: version };
}
