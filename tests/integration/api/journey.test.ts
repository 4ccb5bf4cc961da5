import { randomUUID } from 'node:crypto';
import { importRecordSchema, previewSchema, type ImportRecord, type Preview } from '../../../src/contracts';
import { startTestApp, type TestApp } from './app-harness';

const ADA = '11111111-1111-4111-8111-111111111111';
const CARL = '33333333-3333-4333-8333-333333333333';
const NORA = '44444444-4444-4444-8444-444444444444';

jest.setTimeout(60_000);

describe('the tab API journey against the HaloPSA sandbox (dev sign-in, SQLite, demo seed)', () => {
  let app: TestApp;
  const seen: string[] = [];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  async function signIn(oid: string): Promise<string> {
    const cached = tokens.get(oid);
    if (cached) return cached;
    const res = await fetch(`${app.url}/dev-auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ oid }) });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    tokens.set(oid, token);
    return token;
  }

  async function api(oid: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${app.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${await signIn(oid)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    seen.push(text);
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined, headers: res.headers };
  }

  const credentials = () => ({ tenantId: app.sandbox.tenant, clientId: app.sandbox.clientId, clientSecret: app.sandbox.clientSecret, baseUrl: app.sandbox.url });

  it('me and teams come from the store', async () => {
    expect((await api(ADA, 'GET', '/me')).json).toEqual({ user: { name: 'Ada Admin', role: 'reseller_admin' }, reseller: { id: 'contoso-msp', name: 'Contoso MSP' } });
    const teams = (await api(ADA, 'GET', '/teams')).json as { teams: { id: string }[] };
    expect(teams.teams.map((t) => t.id).sort()).toEqual(['team-acme', 'team-fabrikam', 'team-x']);
    const carl = (await api(CARL, 'GET', '/teams')).json as { teams: { id: string }[] };
    expect(carl.teams.map((t) => t.id)).toEqual(['team-x']);
  });

  it('refuses wrong HaloPSA credentials with 422 and stores nothing', async () => {
    const res = await api(ADA, 'PUT', '/halo/connection', { ...credentials(), clientSecret: 'wrong-secret' });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ error: { code: 'halo_invalid_client' } });
    expect((await api(ADA, 'GET', '/halo/connection')).json).toMatchObject({ configured: false });
  });

  it('stores the connection after HaloPSA accepted it, never showing the secret', async () => {
    const res = await api(ADA, 'PUT', '/halo/connection', credentials());
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ configured: true, tenantId: app.sandbox.tenant, clientId: app.sandbox.clientId, baseUrl: app.sandbox.url, updatedAt: expect.any(String), updatedBy: 'Ada Admin' });
    expect((await api(CARL, 'GET', '/halo/connection')).status).toBe(403);
    expect((await api(NORA, 'GET', '/halo/connection')).json).toMatchObject({ configured: false });
  });

  let preview: Preview;
  it('loads groups and previews Acme with every eligibility case', async () => {
    const groups = (await api(ADA, 'GET', '/halo/groups')).json as { groups: { id: number; name: string }[] };
    expect(groups.groups.map((g) => g.name)).toEqual([...groups.groups.map((g) => g.name)].sort((a, b) => a.localeCompare(b)));
    const acme = groups.groups.find((g) => g.name === 'Acme Corporation');
    expect(acme?.id).toBe(12);
    const res = await api(ADA, 'GET', '/teams/team-x/preview?groupId=12');
    expect(res.status).toBe(200);
    preview = previewSchema.parse(res.json);
    expect(preview.breadcrumbs).toEqual(['Contoso MSP', 'Team X']);
    for (const status of ['importable', 'member', 'exists', 'no_email', 'invalid_email', 'duplicate', 'inactive'] as const) {
      expect([status, preview.counts[status] > 0]).toEqual([status, true]);
    }
    expect(preview.users.find((u) => u.email.trim().toLowerCase() === 'existing@acme.example')?.reason).toMatch(/Already a member of Team X/);
    expect((await api(NORA, 'GET', '/teams/team-x/preview?groupId=12')).status).toBe(404);
  });

  let first: ImportRecord;
  it('imports the chosen users once, whatever the retries, and skips the ones that cannot be imported', async () => {
    const importable = preview.users.filter((u) => u.status === 'importable').slice(0, 3).map((u) => u.haloId);
    const member = preview.users.find((u) => u.status === 'member')?.haloId as number;
    const body = { groupId: 12, haloUserIds: [...importable, member, 999_999] };
    expect((await api(ADA, 'POST', '/teams/team-x/imports', body)).status).toBe(400);
    expect((await api(CARL, 'POST', '/teams/team-x/imports', body, { 'idempotency-key': randomUUID() })).status).toBe(403);
    const key = randomUUID();
    const [a, b] = await Promise.all([
      api(ADA, 'POST', '/teams/team-x/imports', body, { 'idempotency-key': key }),
      api(ADA, 'POST', '/teams/team-x/imports', body, { 'idempotency-key': key }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    first = importRecordSchema.parse(a.json);
    expect(b.json).toEqual(a.json);
    expect(first.imported.map((i) => i.haloId).sort()).toEqual([...importable].sort());
    expect(first.skipped).toEqual([expect.objectContaining({ haloId: member, status: 'member' })]);
    expect(first.failed).toEqual([expect.objectContaining({ haloId: 999_999 })]);
    expect(first.requestedBy).toBe('Ada Admin');
    const reused = await api(ADA, 'POST', '/teams/team-x/imports', { groupId: 12, haloUserIds: importable.slice(0, 1) }, { 'idempotency-key': key });
    expect(reused.status).toBe(409);
  });

  it('shows the imported users as members afterwards, and a new import skips them', async () => {
    const after = previewSchema.parse((await api(ADA, 'GET', '/teams/team-x/preview?groupId=12')).json);
    for (const i of first.imported) expect(after.users.find((u) => u.haloId === i.haloId)?.status).toBe('member');
    const again = importRecordSchema.parse(
      (await api(ADA, 'POST', '/teams/team-x/imports', { groupId: 12, haloUserIds: first.imported.map((i) => i.haloId) }, { 'idempotency-key': randomUUID() })).json,
    );
    expect(again.imported).toEqual([]);
    expect(again.skipped.map((s) => s.status)).toEqual(first.imported.map(() => 'member'));
    const members = (await api(CARL, 'GET', '/teams/team-x/members')).json as { members: { email: string; source: string }[] };
    expect(members.members.filter((m) => m.source === 'halo-import')).toHaveLength(first.imported.length);
    expect((await api(ADA, 'GET', `/imports/${first.id}`)).json).toEqual(first);
    expect((await api(NORA, 'GET', `/imports/${first.id}`)).status).toBe(404);
    const list = (await api(ADA, 'GET', '/teams/team-x/imports')).json as { imports: ImportRecord[] };
    expect(list.imports[0]?.id).toBe(again.id);
  });

  it('removes the connection; the secret never appeared in an answer or a log line', async () => {
    expect((await api(ADA, 'DELETE', '/halo/connection')).status).toBe(204);
    expect((await api(ADA, 'GET', '/halo/groups')).status).toBe(409);
    const everything = [...seen, ...app.logger.lines].join('\n');
    expect(everything).not.toContain(app.sandbox.clientSecret);
    expect(everything).not.toContain('wrong-secret');
  });
});
