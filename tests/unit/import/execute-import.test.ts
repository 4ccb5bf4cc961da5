import { spawn } from 'node:child_process';
import path from 'node:path';
import type { HaloUser } from '../../../src/contracts';
import { isAppError } from '../../../src/errors';
import { executeImport, type ExecuteImportOptions, type ExecuteImportRequest } from '../../../src/import';
import type { Store } from '../../../src/store';
import { haloUser, haloUsers } from '../../fixtures/core/halo-users';
import { testDialects, type TestStore } from '../../fixtures/core/test-stores';

const T0 = Date.UTC(2026, 0, 1);
const ada = { adminId: 'adm-ada', name: 'Ada Admin' };
const rita = { adminId: 'adm-rita', name: 'Rita Reviewer' };

async function base(store: Store) {
  await store.resellers.upsert({ id: 'r1', name: 'Contoso', entraTenantId: 't', requireSecondApprover: false });
  await store.resellers.upsert({ id: 'r2', name: 'Northwind', entraTenantId: 't', requireSecondApprover: false });
  await store.teams.upsert({ id: 'team-x', resellerId: 'r1', name: 'Team X', maxUsers: null });
  await store.teams.upsert({ id: 'team-y', resellerId: 'r1', name: 'Team Y', maxUsers: null });
  await store.teams.upsert({ id: 'team-small', resellerId: 'r1', name: 'Small', maxUsers: 3 });
  await store.teams.upsert({ id: 'team-nw', resellerId: 'r2', name: 'North', maxUsers: null });
  const [existing] = await store.accounts.insertMany([
    { id: 'acc-existing', emailNormalized: 'existing@acme.example', email: 'existing@acme.example', name: 'Existing', createdAt: 'x', source: 'seed' },
    { id: 'acc-taken', emailNormalized: 'taken@acme.example', email: 'taken@acme.example', name: 'Taken', createdAt: 'x', source: 'seed' },
  ]);
  await store.teams.addMembers([{ teamId: 'team-x', accountId: existing!.id, addedAt: 'x', source: 'seed', importId: null }]);
  await store.teams.addMembers([{ teamId: 'team-small', accountId: existing!.id, addedAt: 'x', source: 'seed', importId: null }]);
}

const group: HaloUser[] = [
  haloUser(1, { name: 'Ann', email: ' Ann@Acme.example ' }),
  haloUser(2, { name: 'Ben', email: 'ben@acme.example' }),
  haloUser(3, { name: 'Existing', email: 'EXISTING@acme.example' }),
  haloUser(4, { name: 'Taken', email: 'taken@acme.example' }),
  haloUser(5, { name: 'Old', inactive: true }),
  haloUser(6, { name: 'Ann again', email: 'ann@acme.example' }),
];

function request(over: Partial<ExecuteImportRequest> = {}): ExecuteImportRequest {
  return {
    resellerId: 'r1',
    teamId: 'team-x',
    groupId: 12,
    users: group,
    haloUserIds: [1, 2, 3, 4, 5, 6, 99],
    idempotencyKey: 'key-1',
    requestedBy: ada,
    ...over,
  };
}

describe.each(testDialects())('executeImport on $name', (dialect) => {
  let t: TestStore;
  let store: Store;
  let n = 0;
  const options = () => ({ clock: () => T0, newId: () => `id-${++n}` });

  beforeEach(async () => {
    t = await dialect.create();
    store = t.store;
    await base(store);
  });
  afterEach(async () => t.dispose());

  const counts = async () => ({
    accounts: await store.accounts.count(),
    members: (await store.teams.countMembers(['team-x', 'team-y', 'team-small', 'team-nw'])),
    imports: (await store.imports.listByTeam('team-x', 100)).length + (await store.imports.listByTeam('team-small', 100)).length,
    audit: (await store.audit.list({ limit: 1000 })).length,
  });

  it('creates accounts and memberships and records every outcome, who and when', async () => {
    const result = await executeImport(store, request({ approvedBy: rita }), options());
    expect(result.imported.map((i) => [i.haloId, i.email])).toEqual([[1, 'Ann@Acme.example'], [2, 'ben@acme.example']]);
    expect(result.skipped.map((s) => [s.haloId, s.status])).toEqual([[3, 'member'], [4, 'exists'], [5, 'inactive'], [6, 'duplicate']]);
    expect(result.failed).toEqual([{ haloId: 99, reason: 'not in this HaloPSA group' }]);
    expect(result).toMatchObject({ status: 'completed', requestedBy: 'Ada Admin', approvedBy: 'Rita Reviewer', createdAt: '2026-01-01T00:00:00.000Z', teamId: 'team-x', groupId: 12 });

    const members = await store.teams.listMembers('team-x');
    expect(members.filter((m) => m.source === 'halo-import').map((m) => m.email).sort()).toEqual(['Ann@Acme.example', 'ben@acme.example']);
    const { id: _id, ...stored } = (await store.imports.get(result.id))!;
    const { id: _rid, ...returned } = result;
    expect(stored).toEqual(returned);
    const [audit] = await store.audit.list({ resellerId: 'r1', limit: 10 });
    expect(audit).toMatchObject({ action: 'import.completed', actor: 'adm-rita', teamId: 'team-x', details: { importId: result.id, imported: 2, skipped: 4, failed: 1, requestedBy: 'adm-ada', approvedBy: 'adm-rita' } });
  });

  it('imports once per idempotency key: the same request returns the stored result', async () => {
    const first = await executeImport(store, request(), options());
    const before = await counts();
    const again = await executeImport(store, request({ haloUserIds: [99, 6, 5, 4, 3, 2, 1, 1] }), options());
    expect(again).toEqual(first);
    expect(await counts()).toEqual(before);
  });

  it('refuses the same key for a different request, and changes nothing', async () => {
    await executeImport(store, request(), options());
    const before = await counts();
    for (const other of [request({ haloUserIds: [1] }), request({ groupId: 13 }), request({ teamId: 'team-y' })]) {
      const error = await executeImport(store, other, options()).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('idempotency_key_reused');
    }
    expect(await counts()).toEqual(before);
  });

  it('keeps idempotency keys per reseller', async () => {
    await executeImport(store, request(), options());
    const other = await executeImport(store, request({ resellerId: 'r2', teamId: 'team-nw', haloUserIds: [2] }), options());
    expect(other.skipped).toEqual([{ haloId: 2, status: 'exists', reason: 'Already has a BrainStation account' }]);
  });

  it('re-checks at import time: a user who got an account meanwhile is skipped, never duplicated', async () => {
    await store.accounts.insertMany([{ id: 'late', emailNormalized: 'ben@acme.example', email: 'ben@acme.example', name: 'Ben', createdAt: 'x', source: 'other' }]);
    const result = await executeImport(store, request({ haloUserIds: [1, 2] }), options());
    expect(result.imported.map((i) => i.haloId)).toEqual([1]);
    expect(result.skipped).toEqual([{ haloId: 2, status: 'exists', reason: 'Already has a BrainStation account' }]);
  });

  it.each([
    ['another reseller\'s team', { teamId: 'team-nw' }],
    ['an unknown team', { teamId: 'nope' }],
  ])('answers not_found for %s', async (_name, over) => {
    await expect(executeImport(store, request(over), options())).rejects.toMatchObject({ code: 'not_found' });
  });

  describe('team maxUsers', () => {
    it('refuses the whole import with the numbers, and writes nothing', async () => {
      const before = await counts();
      const error = await executeImport(store, request({ teamId: 'team-small', users: haloUsers(5), haloUserIds: [1, 2, 3, 4, 5] }), options()).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('team_full');
      expect((error as Error).message).toBe(
        'Small allows 3 users. It has 1 members and this import would add 5 (3 too many). Select at most 2 users, or ask to raise the Team\'s limit.',
      );
      expect(await counts()).toEqual(before);
    });

    it('fills the team exactly to its limit', async () => {
      const result = await executeImport(store, request({ teamId: 'team-small', users: haloUsers(5), haloUserIds: [1, 2] }), options());
      expect(result.imported).toHaveLength(2);
      const full = await executeImport(store, request({ idempotencyKey: 'k2', teamId: 'team-small', users: haloUsers(5), haloUserIds: [3] }), options()).catch((e: unknown) => e);
      expect((full as Error).message).toMatch(/It has 3 members and this import would add 1 \(1 too many\)\. The Team is full/);
    });

    it('does not count skipped users against the limit', async () => {
      const users = [...haloUsers(2), haloUser(3, { email: 'existing@acme.example' }), haloUser(4, { email: '' })];
      const result = await executeImport(store, request({ teamId: 'team-small', users, haloUserIds: [1, 2, 3, 4] }), options());
      expect(result.imported).toHaveLength(2);
    });
  });

  describe('a failure in the middle leaves nothing half-written', () => {
    it.each<[string, (o: ExecuteImportOptions) => ExecuteImportOptions]>([
      ['after the first batch of accounts', (o) => ({ ...o, onProgress: (done: number) => { if (done >= 500) throw new Error('injected: disk full'); } })],
      ['after everything else, in the same transaction', (o) => ({ ...o, alsoInTransaction: async () => { throw new Error('injected: draft update failed'); } })],
    ])('%s', async (_name, inject) => {
      const before = await counts();
      const users = haloUsers(1200);
      await expect(
        executeImport(store, request({ users, haloUserIds: users.map((u) => u.id) }), inject(options())),
      ).rejects.toThrow(/injected/);
      expect(await counts()).toEqual(before);
      expect(await store.imports.findByKey('r1', 'key-1')).toBeUndefined();
      // and the same key works afterwards: nothing was recorded under it
      const retry = await executeImport(store, request({ users, haloUserIds: users.map((u) => u.id) }), options());
      expect(retry.imported).toHaveLength(1200);
    });
  });

  it('reports progress per batch', async () => {
    const seen: [number, number][] = [];
    const users = haloUsers(1100);
    await executeImport(store, request({ users, haloUserIds: users.map((u) => u.id) }), { ...options(), onProgress: (d, total) => seen.push([d, total]) });
    expect(seen).toEqual([[500, 1100], [1000, 1100], [1100, 1100]]);
  });

  it('two parallel imports of overlapping users on one store leave no duplicate account', async () => {
    const users = haloUsers(300);
    const [a, b] = await Promise.all([
      executeImport(store, request({ idempotencyKey: 'a', users, haloUserIds: users.slice(0, 200).map((u) => u.id) }), options()),
      executeImport(store, request({ idempotencyKey: 'b', teamId: 'team-y', users, haloUserIds: users.slice(100).map((u) => u.id) }), options()),
    ]);
    expectNoDuplicates(a, b, 300);
    expect(await store.accounts.count()).toBe(2 + 300);
  });

  it('two parallel imports through two connections leave no duplicate account', async () => {
    const users = haloUsers(400);
    const slices = [users.slice(0, 300), users.slice(100)];
    if (t.file) {
      // SQLite: a second connection in the same thread would wait synchronously for the first
      // one's lock, so the second writer is a real second process, like a second server.
      const [a, b] = await runInTwoProcesses(t.file, [
        request({ idempotencyKey: 'p1', users, haloUserIds: slices[0]!.map((u) => u.id) }),
        request({ idempotencyKey: 'p2', teamId: 'team-y', users, haloUserIds: slices[1]!.map((u) => u.id) }),
      ]);
      expectNoDuplicates(a!, b!, 400);
    } else {
      const other = await t.openAnother({ migrate: false });
      const [a, b] = await Promise.all([
        executeImport(store, request({ idempotencyKey: 'p1', users, haloUserIds: slices[0]!.map((u) => u.id) }), options()),
        executeImport(other, request({ idempotencyKey: 'p2', teamId: 'team-y', users, haloUserIds: slices[1]!.map((u) => u.id) }), options()),
      ]);
      expectNoDuplicates(a, b, 400);
    }
    expect(await store.accounts.count()).toBe(2 + 400);
  }, 30_000);

  it('overlapping imports asked in opposite orders both complete (no deadlock), without duplicates', async () => {
    const users = haloUsers(600);
    const other = t.file ? store : await t.openAnother({ migrate: false });
    const ids = users.map((u) => u.id);
    const [a, b] = await Promise.all([
      executeImport(store, request({ idempotencyKey: 'fwd', users, haloUserIds: ids }), options()),
      executeImport(other, request({ idempotencyKey: 'rev', teamId: 'team-y', users, haloUserIds: [...ids].reverse() }), options()),
    ]);
    expectNoDuplicates(a, b, 600);
  }, 30_000);

  it('the same key sent twice at once imports once', async () => {
    const users = haloUsers(50);
    const other = t.file ? store : await t.openAnother({ migrate: false });
    const [a, b] = await Promise.all([
      executeImport(store, request({ idempotencyKey: 'dbl', users, haloUserIds: users.map((u) => u.id) }), options()),
      executeImport(other, request({ idempotencyKey: 'dbl', users, haloUserIds: users.map((u) => u.id) }), options()),
    ]);
    expect(b).toEqual(a);
    expect(await store.accounts.count()).toBe(2 + 50);
  });
});

type Result = { imported: { haloId: number; email: string }[]; skipped: { haloId: number; status: string }[] };

function expectNoDuplicates(a: Result, b: Result, distinctUsers: number) {
  const importedEmails = [...a.imported, ...b.imported].map((i) => i.email);
  expect(new Set(importedEmails).size).toBe(importedEmails.length);
  expect(importedEmails).toHaveLength(distinctUsers);
  // whatever one import created, the other skipped as "exists" (or never asked for)
  for (const s of [...a.skipped, ...b.skipped]) expect(s.status).toBe('exists');
}

async function runInTwoProcesses(file: string, requests: ExecuteImportRequest[]): Promise<Result[]> {
  const worker = path.join(__dirname, '..', '..', 'fixtures', 'core', 'import-worker.ts');
  const children = requests.map((r) =>
    spawn(process.execPath, ['--require', 'tsx/cjs', worker, file, JSON.stringify(r)], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const outputs = children.map((c) => {
    let buffer = '';
    const lines: string[] = [];
    const waiters: (() => void)[] = [];
    c.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let i;
      while ((i = buffer.indexOf('\n')) >= 0) {
        lines.push(buffer.slice(0, i));
        buffer = buffer.slice(i + 1);
        waiters.splice(0).forEach((w) => w());
      }
    });
    const next = async (): Promise<string> => {
      while (lines.length === 0) await new Promise<void>((r) => waiters.push(r));
      return lines.shift()!;
    };
    return { next, exited: new Promise((r) => c.on('exit', r)) };
  });
  for (const o of outputs) expect(await o.next()).toBe('ready');
  for (const c of children) c.stdin.write('go\n');
  const results = await Promise.all(outputs.map(async (o) => JSON.parse(await o.next()) as Result & { ok: boolean; code?: string }));
  await Promise.all(outputs.map((o) => o.exited));
  for (const r of results) expect(r).toMatchObject({ ok: true });
  return results;
}
