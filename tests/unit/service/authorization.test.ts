import type { HaloImportService, Principal } from '../../../src/service';
import { CREDENTIALS, createHarness, DEMO_TENANT, IDS, type Harness } from '../../fixtures/core/service-harness';

type Who = 'ada' | 'carl' | 'nora';
type Call = (s: HaloImportService, p: Principal, ctx: { importId: string; draftId: string }) => Promise<unknown>;

/**
 * The authorization matrix. ada: reseller admin of contoso-msp (owner of everything below);
 * carl: client admin of contoso's team-x; nora: reseller admin of another reseller.
 */
const matrix: [string, Call, Record<Who, string>][] = [
  ['listTeams', (s, p) => s.listTeams(p), { ada: 'ok', carl: 'ok', nora: 'ok' }],
  ['getTeam team-x', (s, p) => s.getTeam(p, 'team-x'), { ada: 'ok', carl: 'ok', nora: 'not_found' }],
  ['getTeam team-acme', (s, p) => s.getTeam(p, 'team-acme'), { ada: 'ok', carl: 'not_found', nora: 'not_found' }],
  ['getConnection', (s, p) => s.getConnection(p), { ada: 'ok', carl: 'reseller_admin_only', nora: 'ok' }],
  ['saveConnection', (s, p) => s.saveConnection(p, CREDENTIALS), { ada: 'ok', carl: 'reseller_admin_only', nora: 'ok' }],
  ['deleteConnection', (s, p) => s.deleteConnection(p), { ada: 'ok', carl: 'reseller_admin_only', nora: 'ok' }],
  ['listGroups', (s, p) => s.listGroups(p), { ada: 'ok', carl: 'reseller_admin_only', nora: 'halo_not_configured' }],
  ['preview team-x', (s, p) => s.preview(p, 'team-x', 12), { ada: 'ok', carl: 'reseller_admin_only', nora: 'not_found' }],
  ['importUsers team-x', (s, p) => s.importUsers(p, { teamId: 'team-x', groupId: 12, haloUserIds: [510], idempotencyKey: 'm-1' }), { ada: 'ok', carl: 'reseller_admin_only', nora: 'not_found' }],
  ['getImport', (s, p, c) => s.getImport(p, c.importId), { ada: 'ok', carl: 'ok', nora: 'not_found' }],
  ['listImports team-x', (s, p) => s.listImports(p, 'team-x'), { ada: 'ok', carl: 'ok', nora: 'not_found' }],
  ['listMembers team-x', (s, p) => s.listMembers(p, 'team-x'), { ada: 'ok', carl: 'ok', nora: 'not_found' }],
  ['listMembers team-acme', (s, p) => s.listMembers(p, 'team-acme'), { ada: 'ok', carl: 'not_found', nora: 'not_found' }],
  ['createDraft', (s, p) => s.createDraft(p, { teamId: 'team-x', groupId: 12, selection: { kind: 'allImportable' } }), { ada: 'ok', carl: 'reseller_admin_only', nora: 'not_found' }],
  ['getDraft', (s, p, c) => s.getDraft(p, c.draftId), { ada: 'ok', carl: 'reseller_admin_only', nora: 'not_found' }],
  ['approveDraft', (s, p, c) => s.approveDraft(p, c.draftId), { ada: 'ok', carl: 'reseller_admin_only', nora: 'not_found' }],
  ['cancelDraft', (s, p, c) => s.cancelDraft(p, c.draftId), { ada: 'ok', carl: 'reseller_admin_only', nora: 'not_found' }],
  ['listResellerAdmins', (s, p) => s.listResellerAdmins(p), { ada: 'ok', carl: 'reseller_admin_only', nora: 'ok' }],
];

const cases = matrix.flatMap(([name, call, expected]) =>
  (Object.keys(expected) as Who[]).map((who) => [name, who, expected[who], call] as const),
);

describe('service authorization matrix', () => {
  let h: Harness;
  let ctx: { importId: string; draftId: string };
  beforeEach(async () => {
    h = await createHarness();
    await h.service.saveConnection(h.as.ada, CREDENTIALS);
    const imported = await h.service.importUsers(h.as.ada, { teamId: 'team-x', groupId: 12, haloUserIds: [501], idempotencyKey: 'setup' });
    const draft = await h.service.createDraft(h.as.ada, { teamId: 'team-x', groupId: 12, selection: { kind: 'ids', haloUserIds: [509] } });
    ctx = { importId: imported.id, draftId: draft.id };
  });
  afterEach(async () => h.t.dispose());

  it.each(cases)('%s as %s -> %s', async (_name, who, expected, call) => {
    const outcome = await call(h.service, h.as[who], ctx).then(
      () => 'ok',
      (e: { code?: string }) => e.code ?? String(e),
    );
    expect(outcome).toBe(expected);
  });

  it('answers unknown callers with unknown_caller, whatever the id case', async () => {
    await expect(h.service.resolveCaller({ entraTenantId: DEMO_TENANT, entraObjectId: IDS.uma })).rejects.toMatchObject({
      code: 'unknown_caller',
      message: expect.stringMatching(/not a BrainStation reseller admin/),
    });
    await expect(h.service.resolveCaller({ entraTenantId: 'other-tenant', entraObjectId: IDS.ada })).rejects.toMatchObject({ code: 'unknown_caller' });
    await expect(h.service.resolveCaller({ entraTenantId: DEMO_TENANT.toUpperCase(), entraObjectId: IDS.ada.toUpperCase() })).resolves.toMatchObject({ name: 'Ada Admin' });
  });

  it('gives each caller the role and scope from the store', async () => {
    expect(h.service.me(h.as.carl)).toEqual({ user: { name: 'Carl Client', role: 'client_admin' }, reseller: { id: 'contoso-msp', name: 'Contoso MSP' } });
    expect(h.as.ada.teamId).toBeNull();
    expect((await h.service.listTeams(h.as.ada)).map((t) => t.id)).toEqual(['team-acme', 'team-fabrikam', 'team-x']);
    expect(await h.service.listTeams(h.as.carl)).toEqual([{ id: 'team-x', name: 'Team X', memberCount: 2, maxUsers: 500 }]);
    expect((await h.service.listTeams(h.as.nora)).map((t) => t.id)).toEqual(['team-nw']);
    expect((await h.service.listResellerAdmins(h.as.ada)).map((a) => a.name)).toEqual(['Rita Reviewer']);
  });

  it('keeps the second reseller\'s connection apart from the first', async () => {
    await h.service.saveConnection(h.as.nora, CREDENTIALS);
    await h.service.deleteConnection(h.as.nora);
    expect(await h.service.getConnection(h.as.ada)).toMatchObject({ configured: true });
  });
});
