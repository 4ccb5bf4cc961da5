import type { ConnectionView, HaloCredentialsInput, ImportRecord, Preview, PreviewUser } from '../../../src/contracts';
import { AppError } from '../../../src/errors';
import type { Caller, HaloImportService, Principal } from '../../../src/service';

/** The demo identities of docs/demo-identities.md. */
export const IDS = {
  tid: 'a1b2c3d4-0000-4000-8000-000000000001',
  ada: '11111111-1111-4111-8111-111111111111',
  carl: '33333333-3333-4333-8333-333333333333',
  nora: '44444444-4444-4444-8444-444444444444',
  uma: '55555555-5555-4555-8555-555555555555',
} as const;

export const HALO_SECRET = 'sandbox-secret-change-me';

const principals: Principal[] = [
  { adminId: 'ada', entraTenantId: IDS.tid, entraObjectId: IDS.ada, name: 'Ada Admin', role: 'reseller_admin', resellerId: 'contoso-msp', resellerName: 'Contoso MSP', teamId: null },
  { adminId: 'carl', entraTenantId: IDS.tid, entraObjectId: IDS.carl, name: 'Carl Client', role: 'client_admin', resellerId: 'contoso-msp', resellerName: 'Contoso MSP', teamId: 'team-x' },
  { adminId: 'nora', entraTenantId: IDS.tid, entraObjectId: IDS.nora, name: 'Nora Northwind', role: 'reseller_admin', resellerId: 'northwind-it', resellerName: 'Northwind IT', teamId: null },
];

const teams = [
  { id: 'team-x', name: 'Team X', resellerId: 'contoso-msp', maxUsers: 500 as number | null },
  { id: 'team-nw', name: 'Northwind Stores', resellerId: 'northwind-it', maxUsers: null as number | null },
];

const users: PreviewUser[] = [
  { haloId: 501, name: 'Jane Doe', email: 'jane@acme.example', site: 'Main', status: 'importable', reason: 'Ready to import' },
  { haloId: 502, name: 'Existing User', email: 'existing@acme.example', site: 'Main', status: 'member', reason: 'Already a member of Team X' },
  { haloId: 503, name: 'No Mail', email: '', site: 'Main', status: 'no_email', reason: 'No email address in HaloPSA' },
];

/**
 * A hand-written HaloImportService with the authorization rules of the real one (other
 * resellers' objects are not_found; client admins see only their Team). It stores the secret
 * so tests can prove the API never sends it back.
 */
export class FakeService implements HaloImportService {
  readonly calls: { method: string; args: unknown[] }[] = [];
  private connection: (HaloCredentialsInput & { updatedAt: string; updatedBy: string; resellerId: string }) | undefined;
  private readonly imports = new Map<string, { body: string; record: ImportRecord }>();
  failNext: AppError | undefined;

  async resolveCaller(caller: Caller): Promise<Principal> {
    const p = principals.find((x) => x.entraTenantId === caller.entraTenantId && x.entraObjectId === caller.entraObjectId);
    if (!p) throw new AppError('unknown_caller', { detail: `no admin ${caller.entraObjectId}` });
    return p;
  }
  me(p: Principal) {
    return { user: { name: p.name, role: p.role }, reseller: { id: p.resellerId, name: p.resellerName } };
  }
  async listTeams(p: Principal) {
    return teams
      .filter((t) => t.resellerId === p.resellerId && (p.teamId === null || p.teamId === t.id))
      .map((t) => ({ id: t.id, name: t.name, memberCount: 1, maxUsers: t.maxUsers }));
  }
  async getTeam(p: Principal, teamId: string) {
    const t = (await this.listTeams(p)).find((x) => x.id === teamId);
    if (!t) throw new AppError('not_found');
    return t;
  }
  async getConnection(p: Principal): Promise<ConnectionView> {
    this.adminOnly(p);
    const c = this.connection?.resellerId === p.resellerId ? this.connection : undefined;
    // a deliberately leaky object: the API must strip clientSecret on the way out
    return {
      configured: c !== undefined,
      tenantId: c?.tenantId ?? null,
      clientId: c?.clientId ?? null,
      baseUrl: c?.baseUrl ?? null,
      updatedAt: c?.updatedAt ?? null,
      updatedBy: c?.updatedBy ?? null,
      ...(c ? { clientSecret: c.clientSecret } : {}),
    } as ConnectionView;
  }
  async saveConnection(p: Principal, input: HaloCredentialsInput) {
    this.adminOnly(p);
    this.calls.push({ method: 'saveConnection', args: [input] });
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = undefined;
      throw e;
    }
    this.connection = { ...input, resellerId: p.resellerId, updatedAt: '2026-12-03T12:00:00.000Z', updatedBy: p.name };
    return this.getConnection(p);
  }
  async deleteConnection(p: Principal) {
    this.adminOnly(p);
    this.connection = undefined;
  }
  async listGroups(p: Principal) {
    this.adminOnly(p);
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = undefined;
      throw e;
    }
    return [{ id: 12, name: 'Acme Corporation' }];
  }
  async preview(p: Principal, teamId: string, groupId: number): Promise<Preview> {
    this.adminOnly(p);
    const team = await this.getTeam(p, teamId);
    if (groupId !== 12) throw new AppError('not_found');
    return {
      team: { id: team.id, name: team.name },
      breadcrumbs: [p.resellerName, team.name],
      group: { id: 12, name: 'Acme Corporation' },
      users,
      counts: { importable: 1, member: 1, exists: 0, no_email: 1, invalid_email: 0, duplicate: 0, inactive: 0 },
    };
  }
  async importUsers(p: Principal, request: { teamId: string; groupId: number; haloUserIds: readonly number[]; idempotencyKey: string }) {
    this.adminOnly(p);
    this.calls.push({ method: 'importUsers', args: [request] });
    await this.getTeam(p, request.teamId);
    const body = JSON.stringify([request.teamId, request.groupId, request.haloUserIds]);
    const previous = this.imports.get(request.idempotencyKey);
    if (previous) {
      if (previous.body !== body) throw new AppError('idempotency_key_reused');
      return previous.record;
    }
    const record: ImportRecord = {
      id: `imp-${this.imports.size + 1}`,
      status: 'completed',
      teamId: request.teamId,
      groupId: request.groupId,
      requestedBy: p.name,
      approvedBy: null,
      createdAt: '2026-12-03T12:00:00.000Z',
      completedAt: '2026-12-03T12:00:01.000Z',
      imported: request.haloUserIds.filter((id) => id === 501).map((id) => ({ haloId: id, email: 'jane@acme.example', accountId: 'acc-1' })),
      skipped: request.haloUserIds.filter((id) => id === 502).map((id) => ({ haloId: id, status: 'member' as const, reason: 'Already a member of Team X' })),
      failed: request.haloUserIds.filter((id) => id > 503).map((id) => ({ haloId: id, reason: 'not in this HaloPSA group' })),
    };
    this.imports.set(request.idempotencyKey, { body, record });
    return record;
  }
  async getImport(p: Principal, importId: string) {
    this.adminOnly(p);
    const found = [...this.imports.values()].find((i) => i.record.id === importId);
    if (!found) throw new AppError('not_found');
    await this.getTeam(p, found.record.teamId);
    return found.record;
  }
  async listImports(p: Principal, teamId: string) {
    await this.getTeam(p, teamId);
    return [...this.imports.values()].map((i) => i.record).filter((r) => r.teamId === teamId).reverse();
  }
  async listMembers(p: Principal, teamId: string) {
    await this.getTeam(p, teamId);
    return [{ accountId: 'acc-0', email: 'existing@acme.example', name: 'Existing User', addedAt: '2026-12-01T00:00:00.000Z', source: 'seed' }];
  }
  async createDraft(): Promise<never> {
    throw new AppError('internal', { detail: 'not used by the API' });
  }
  async getDraft(): Promise<never> {
    throw new AppError('internal', { detail: 'not used by the API' });
  }
  async approveDraft(): Promise<never> {
    throw new AppError('internal', { detail: 'not used by the API' });
  }
  async cancelDraft(): Promise<never> {
    throw new AppError('internal', { detail: 'not used by the API' });
  }
  async listResellerAdmins(): Promise<Principal[]> {
    return principals;
  }

  private adminOnly(p: Principal): void {
    if (p.role !== 'reseller_admin') throw new AppError('reseller_admin_only');
  }
}
