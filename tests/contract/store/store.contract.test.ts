import { isAppError } from '../../../src/errors';
import { isUniqueViolation, type Store } from '../../../src/store';
import { testDialects, type TestStore } from '../../fixtures/core/test-stores';

const AT = '2026-01-01T00:00:00.000Z';
let seq = 0;
const id = (p: string) => `${p}-${++seq}`;

async function baseData(store: Store) {
  await store.resellers.upsert({ id: 'r1', name: 'Contoso', entraTenantId: 't1', requireSecondApprover: false });
  await store.resellers.upsert({ id: 'r2', name: 'Northwind', entraTenantId: 't1', requireSecondApprover: true });
  await store.teams.upsert({ id: 'team-a', resellerId: 'r1', name: 'Team A', maxUsers: 5 });
  await store.teams.upsert({ id: 'team-b', resellerId: 'r1', name: 'Alpha', maxUsers: null });
  await store.teams.upsert({ id: 'team-n', resellerId: 'r2', name: 'North', maxUsers: null });
}

const account = (email: string, name = email) => ({
  id: id('acc'),
  emailNormalized: email,
  email,
  name,
  createdAt: AT,
  source: 'test',
});

describe.each(testDialects())('store contract on $name', (dialect) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await dialect.create();
    store = t.store;
    await baseData(store);
  });
  afterEach(async () => t.dispose());

  it('answers ping and applies migrations once', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    expect(await store.migrate()).toEqual([]);
    const again = await t.openAnother();
    expect(await again.migrate()).toEqual([]);
  });

  describe('resellers and admins', () => {
    it('upserts resellers and reads booleans back', async () => {
      expect(await store.resellers.get('r2')).toEqual({
        id: 'r2',
        name: 'Northwind',
        entraTenantId: 't1',
        requireSecondApprover: true,
      });
      await store.resellers.upsert({ id: 'r2', name: 'Northwind IT', entraTenantId: 't1', requireSecondApprover: false });
      expect(await store.resellers.get('r2')).toMatchObject({ name: 'Northwind IT', requireSecondApprover: false });
      expect(await store.resellers.get('nope')).toBeUndefined();
    });

    it('finds admins by Entra identity, ignoring GUID case, and keeps their id on upsert', async () => {
      const a = { id: 'adm-1', resellerId: 'r1', entraTenantId: 'T1', entraObjectId: 'OBJ-A', name: 'Ada', role: 'reseller_admin' as const, teamId: null };
      await store.resellers.upsertAdmin(a);
      await store.resellers.upsertAdmin({ ...a, id: 'adm-other', name: 'Ada A.' });
      await store.resellers.upsertAdmin({ id: 'adm-2', resellerId: 'r1', entraTenantId: 't1', entraObjectId: 'obj-c', name: 'Carl', role: 'client_admin', teamId: 'team-a' });
      expect(await store.resellers.findAdmin('t1', 'obj-a')).toMatchObject({ id: 'adm-1', name: 'Ada A.' });
      expect(await store.resellers.findAdmin('t2', 'obj-a')).toBeUndefined();
      expect((await store.resellers.listAdmins('r1')).map((x) => x.id)).toEqual(['adm-1', 'adm-2']);
      expect((await store.resellers.listAdmins('r1', 'client_admin')).map((x) => x.teamId)).toEqual(['team-a']);
    });
  });

  describe('teams, accounts and members', () => {
    it('lists a reseller\'s teams by name and counts members', async () => {
      expect((await store.teams.listByReseller('r1')).map((x) => x.name)).toEqual(['Alpha', 'Team A']);
      expect(await store.teams.get('team-a')).toEqual({ id: 'team-a', resellerId: 'r1', name: 'Team A', maxUsers: 5 });
      const [x] = await store.accounts.insertMany([account('x@a.example', 'X')]);
      expect(await store.teams.addMembers([{ teamId: 'team-a', accountId: x!.id, addedAt: AT, source: 'seed', importId: null }])).toBe(1);
      expect(await store.teams.addMembers([{ teamId: 'team-a', accountId: x!.id, addedAt: AT, source: 'seed', importId: null }])).toBe(0);
      expect(await store.teams.countMembers(['team-a', 'team-b'])).toEqual(new Map([['team-a', 1], ['team-b', 0]]));
      expect(await store.teams.listMembers('team-a')).toEqual([
        { accountId: x!.id, email: 'x@a.example', name: 'X', addedAt: AT, source: 'seed' },
      ]);
      expect(await store.teams.getForUpdate('team-a')).toMatchObject({ id: 'team-a' });
    });

    it('never stores two accounts with the same normalized email', async () => {
      const first = await store.accounts.insertMany([account('dup@a.example'), account('one@a.example')]);
      expect(first).toHaveLength(2);
      const second = await store.accounts.insertMany([account('dup@a.example'), account('two@a.example')]);
      expect(second.map((r) => r.emailNormalized)).toEqual(['two@a.example']);
      expect(await store.accounts.count()).toBe(3);
    });

    it('looks up existing emails in batches (more than one chunk)', async () => {
      const emails = Array.from({ length: 2600 }, (_, i) => `u${i}@big.example`);
      await store.accounts.insertMany(emails.filter((_, i) => i % 2 === 0).map((e) => account(e)));
      const found = await store.accounts.findExistingEmails([...emails, 'missing@x.example', 'u0@big.example']);
      expect(found.size).toBe(1300);
      expect(found.has('u2598@big.example')).toBe(true);
      expect(found.has('u1@big.example')).toBe(false);
      expect(await store.accounts.findExistingEmails([])).toEqual(new Set());
    });

    it('finds which emails are members of one team only', async () => {
      const rows = await store.accounts.insertMany([account('m@a.example'), account('n@a.example')]);
      await store.teams.addMembers([{ teamId: 'team-b', accountId: rows[0]!.id, addedAt: AT, source: 'x', importId: null }]);
      await store.teams.addMembers([{ teamId: 'team-n', accountId: rows[1]!.id, addedAt: AT, source: 'x', importId: null }]);
      expect(await store.teams.findMemberEmails('team-b', ['m@a.example', 'n@a.example', 'z@a.example'])).toEqual(
        new Set(['m@a.example']),
      );
    });
  });

  describe('HaloPSA connections', () => {
    const conn = { resellerId: 'r1', tenantId: 'demo', clientId: 'cid', baseUrl: null, secretCiphertext: 'v1.k.a.b.c', keyId: 'k', updatedAt: AT, updatedBy: 'Ada' };
    it('saves, bumps the version on replace, and deletes', async () => {
      expect(await store.connections.get('r1')).toBeUndefined();
      expect((await store.connections.save(conn)).version).toBe(1);
      const replaced = await store.connections.save({ ...conn, clientId: 'cid2', baseUrl: 'https://x.example' });
      expect(replaced).toMatchObject({ version: 2, clientId: 'cid2', baseUrl: 'https://x.example' });
      expect(await store.connections.get('r1')).toEqual(replaced);
      expect(await store.connections.delete('r1')).toBe(true);
      expect(await store.connections.delete('r1')).toBe(false);
    });
  });

  describe('imports', () => {
    const row = (over: Partial<{ id: string; key: string; createdAt: string }> = {}) => ({
      id: over.id ?? id('imp'),
      resellerId: 'r1',
      teamId: 'team-a',
      groupId: 12,
      idempotencyKey: over.key ?? id('key'),
      requestHash: 'h',
      status: 'completed' as const,
      requestedBy: 'Ada',
      requestedById: 'adm-1',
      approvedBy: null,
      approvedById: null,
      createdAt: over.createdAt ?? AT,
      completedAt: AT,
    });

    it('stores outcomes in request order and finds the import by id and by key', async () => {
      const [acc] = await store.accounts.insertMany([account('i@a.example')]);
      const r = row({ id: 'imp-x', key: 'k1' });
      await store.imports.insert(r, [
        { outcome: 'failed', haloId: 9, reason: 'not in this HaloPSA group' },
        { outcome: 'imported', haloId: 3, email: 'i@a.example', accountId: acc!.id },
        { outcome: 'skipped', haloId: 1, status: 'exists', reason: 'Already has a BrainStation account' },
      ]);
      const got = await store.imports.get('imp-x');
      expect(got).toMatchObject({
        id: 'imp-x',
        teamId: 'team-a',
        groupId: 12,
        imported: [{ haloId: 3, email: 'i@a.example', accountId: acc!.id }],
        skipped: [{ haloId: 1, status: 'exists', reason: 'Already has a BrainStation account' }],
        failed: [{ haloId: 9, reason: 'not in this HaloPSA group' }],
      });
      expect(await store.imports.findByKey('r1', 'k1')).toEqual(got);
      expect(await store.imports.findByKey('r2', 'k1')).toBeUndefined();
    });

    it('refuses a second import with the same (reseller, key)', async () => {
      await store.imports.insert(row({ key: 'same' }), []);
      const error = await store.imports.insert(row({ key: 'same' }), []).catch((e: unknown) => e);
      expect(isUniqueViolation(error)).toBe(true);
    });

    it('lists a team\'s imports newest first', async () => {
      await store.imports.insert(row({ id: 'old', createdAt: '2026-01-01T00:00:00.000Z' }), []);
      await store.imports.insert(row({ id: 'new', createdAt: '2026-01-02T00:00:00.000Z' }), []);
      expect((await store.imports.listByTeam('team-a', 10)).map((i) => i.id)).toEqual(['new', 'old']);
      expect((await store.imports.listByTeam('team-a', 1)).map((i) => i.id)).toEqual(['new']);
    });
  });

  describe('drafts', () => {
    const draft = {
      id: 'd1',
      resellerId: 'r2',
      teamId: 'team-n',
      groupId: 12,
      groupName: 'Acme',
      haloUserIds: [1, 2],
      requestedBy: { adminId: 'adm-1', name: 'Ada' },
      createdAt: AT,
      status: 'pending' as const,
      importId: null,
      closedBy: null,
      closedAt: null,
      toImport: [{ haloId: 1, name: 'Zoë', email: 'z@a.example' }],
      skipped: [{ haloId: 2, name: 'Bo', status: 'inactive' as const, reason: 'Inactive in HaloPSA' }],
    };
    it('round-trips with the team name and the reseller\'s approval rule', async () => {
      await store.drafts.insert(draft);
      expect(await store.drafts.get('d1')).toEqual({ ...draft, teamName: 'North', requireSecondApprover: true });
    });
    it('closes a pending draft once', async () => {
      await store.drafts.insert(draft);
      const change = { status: 'cancelled' as const, by: { adminId: 'adm-2', name: 'Rita' }, at: AT, importId: null };
      expect(await store.drafts.close('d1', change)).toBe(true);
      expect(await store.drafts.close('d1', { ...change, status: 'approved' })).toBe(false);
      expect(await store.drafts.get('d1')).toMatchObject({ status: 'cancelled', closedBy: { adminId: 'adm-2', name: 'Rita' }, closedAt: AT });
    });
  });

  it('appends audit entries and lists them newest first per reseller', async () => {
    await store.audit.append({ id: 'a1', at: '2026-01-01T00:00:00.000Z', actor: 'adm-1', action: 'x.one', resellerId: 'r1', teamId: null, details: { n: 1 } });
    await store.audit.append({ id: 'a2', at: '2026-01-02T00:00:00.000Z', actor: 'adm-1', action: 'x.two', resellerId: 'r1', teamId: 'team-a', details: {} });
    await store.audit.append({ id: 'a3', at: '2026-01-03T00:00:00.000Z', actor: 'adm-9', action: 'x.other', resellerId: 'r2', teamId: null, details: {} });
    expect((await store.audit.list({ resellerId: 'r1', limit: 10 })).map((a) => a.action)).toEqual(['x.two', 'x.one']);
    expect((await store.audit.list({ teamId: 'team-a', limit: 10 })).map((a) => a.id)).toEqual(['a2']);
    expect((await store.audit.list({ limit: 1 }))[0]).toMatchObject({ id: 'a3' });
  });

  describe('key-value store', () => {
    it('sets, versions, reads and deletes JSON values', async () => {
      expect(await store.kv.get('conv', 'a')).toBeUndefined();
      expect(await store.kv.set('conv', 'a', { ref: 1 })).toBe(1);
      expect(await store.kv.set('conv', 'a', { ref: 2 })).toBe(2);
      expect(await store.kv.get('conv', 'a')).toEqual({ value: { ref: 2 }, version: 2 });
      expect(await store.kv.get('other', 'a')).toBeUndefined();
      await store.kv.delete('conv', 'a');
      expect(await store.kv.get('conv', 'a')).toBeUndefined();
    });

    it.each([
      ['a stale version', 1],
      ['a future version', 7],
    ])('refuses %s with a conflict and changes nothing', async (_n, expected) => {
      await store.kv.set('conv', 'b', 'v1');
      await store.kv.set('conv', 'b', 'v2');
      const error = await store.kv.set('conv', 'b', 'lost', expected).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('conflict');
      expect(await store.kv.get('conv', 'b')).toEqual({ value: 'v2', version: 2 });
    });

    it('honours "only if absent" (version 0) and a matching version', async () => {
      expect(await store.kv.set('conv', 'c', 1, 0)).toBe(1);
      await expect(store.kv.set('conv', 'c', 2, 0)).rejects.toMatchObject({ code: 'conflict' });
      expect(await store.kv.set('conv', 'c', 3, 1)).toBe(2);
      await expect(store.kv.set('conv', 'missing', 3, 4)).rejects.toMatchObject({ code: 'conflict' });
      expect(await store.kv.get('conv', 'missing')).toBeUndefined();
    });
  });

  describe('transactions', () => {
    it('commits everything together', async () => {
      await store.transaction(async (repos) => {
        await repos.accounts.insertMany([account('t1@a.example')]);
        await repos.kv.set('n', 'k', true);
      });
      expect(await store.accounts.findExistingEmails(['t1@a.example'])).toEqual(new Set(['t1@a.example']));
    });

    it('rolls everything back when the work throws', async () => {
      const failure = new Error('injected');
      await expect(
        store.transaction(async (repos) => {
          await repos.accounts.insertMany([account('t2@a.example')]);
          await repos.kv.set('n', 'k2', true);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await store.accounts.findExistingEmails(['t2@a.example'])).toEqual(new Set());
      expect(await store.kv.get('n', 'k2')).toBeUndefined();
    });

    it('keeps working after a rollback (the connection is released)', async () => {
      await store.transaction(async () => Promise.reject(new Error('x'))).catch(() => undefined);
      await expect(store.ping()).resolves.toBeUndefined();
      await expect(store.transaction(async (r) => r.accounts.count())).resolves.toBe(0);
    });
  });

  it('enforces foreign keys', async () => {
    await expect(
      store.teams.upsert({ id: 'orphan', resellerId: 'no-such-reseller', name: 'x', maxUsers: null }),
    ).rejects.toBeDefined();
  });
});
