/**
 * The `running` state of an import on both databases: a same-key request waits for the worker
 * holding the import, other connections see it as running meanwhile, and recovery fails each dead
 * import exactly once even when several instances recover at the same time.
 */
import { randomUUID } from 'node:crypto';
import { executeImport, INTERRUPTED_REASON, recoverImports, type ExecuteImportRequest } from '../../../src/import';
import type { Store } from '../../../src/store';
import { haloUsers } from '../../fixtures/core/halo-users';
import { testDialects, type TestStore } from '../../fixtures/core/test-stores';

const ada = { adminId: 'adm-ada', name: 'Ada Admin' };
const users = haloUsers(600);

function request(over: Partial<ExecuteImportRequest> = {}): ExecuteImportRequest {
  return { resellerId: 'r1', teamId: 'team-x', groupId: 12, users, haloUserIds: users.map((u) => u.id), idempotencyKey: 'k', requestedBy: ada, ...over };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(testDialects())('running imports on $name', (dialect) => {
  let t: TestStore;
  let store: Store;
  const options = { clock: Date.now, newId: randomUUID };

  beforeEach(async () => {
    t = await dialect.create();
    store = t.store;
    await store.resellers.upsert({ id: 'r1', name: 'Contoso', entraTenantId: 't', requireSecondApprover: false });
    await store.teams.upsert({ id: 'team-x', resellerId: 'r1', name: 'Team X', maxUsers: null });
  });
  afterEach(async () => t.dispose());

  it('shows a held import as running to other connections; a same-key request waits and answers the same result', async () => {
    const entered = deferred();
    const gate = deferred();
    const first = executeImport(store, request(), {
      ...options,
      alsoInTransaction: async () => {
        entered.resolve();
        await gate.promise;
      },
    });
    await entered.promise;

    // another connection (another instance) reads the recorded import while the work is open
    const reader = await t.openAnother({ migrate: false });
    const running = await reader.imports.findByKey('r1', 'k');
    expect(running).toMatchObject({ status: 'running', completedAt: null, imported: [] });
    expect(await reader.accounts.count()).toBe(0);

    // SQLite allows one writer: the second request shares the first one's connection and queues
    const second = executeImport(t.file ? store : reader, request({ haloUserIds: [...users.map((u) => u.id)].reverse() }), options);
    await new Promise((r) => setTimeout(r, 50));
    gate.resolve();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toMatchObject({ id: running!.id, status: 'completed' });
    expect(a.imported).toHaveLength(600);
    expect(b).toEqual(a);
    expect(await store.accounts.count()).toBe(600);
  });

  it('recovers every dead import once, in batches, even with two instances recovering at once', async () => {
    const old = '2026-01-01T00:00:00.000Z';
    for (let i = 0; i < 130; i++) {
      await store.imports.begin({ id: `dead-${i}`, resellerId: 'r1', teamId: 'team-x', groupId: 12, idempotencyKey: `dead-${i}`, requestHash: 'h', requestedBy: 'Ada', requestedById: 'adm-ada', approvedBy: null, approvedById: null, createdAt: old, haloUserIds: [i, i + 1000] });
    }
    // young (maybe about to be held by its worker) and finished imports are left alone
    await store.imports.begin({ id: 'young', resellerId: 'r1', teamId: 'team-x', groupId: 12, idempotencyKey: 'young', requestHash: 'h', requestedBy: 'Ada', requestedById: 'adm-ada', approvedBy: null, approvedById: null, createdAt: '2026-01-01T00:09:50.000Z', haloUserIds: [1] });
    const done = await executeImport(store, request({ users: users.slice(0, 3), haloUserIds: [1, 2, 3] }), options);

    const clock = () => Date.parse('2026-01-01T00:10:00.000Z');
    const other = t.file ? store : await t.openAnother({ migrate: false });
    const [x, y] = await Promise.all([
      recoverImports(store, { clock, newId: randomUUID, leaseMs: 60_000 }),
      recoverImports(other, { clock, newId: randomUUID, leaseMs: 60_000 }),
    ]);
    expect([...x, ...y].sort()).toEqual(Array.from({ length: 130 }, (_, i) => `dead-${i}`).sort());

    const audit = await store.audit.list({ resellerId: 'r1', limit: 1000 });
    expect(audit.filter((e) => e.action === 'import.failed')).toHaveLength(130);
    expect(await store.imports.get('dead-7')).toMatchObject({
      status: 'failed',
      failureReason: INTERRUPTED_REASON,
      completedAt: '2026-01-01T00:10:00.000Z',
      failed: [{ haloId: 7, reason: INTERRUPTED_REASON }, { haloId: 1007, reason: INTERRUPTED_REASON }],
    });
    expect((await store.imports.headByKey('r1', 'young'))?.status).toBe('running');
    expect(await store.imports.get(done.id)).toMatchObject({ status: 'completed' });
    expect(await recoverImports(store, { clock, newId: randomUUID, leaseMs: 60_000 })).toEqual([]);
  });

  it('a failed import keeps its key: another request under that key is refused and imports nothing', async () => {
    await store.imports.begin({ id: 'dead', resellerId: 'r1', teamId: 'team-x', groupId: 12, idempotencyKey: 'k', requestHash: 'x', requestedBy: 'Ada', requestedById: 'adm-ada', approvedBy: null, approvedById: null, createdAt: '2026-01-01T00:00:00.000Z', haloUserIds: [1] });
    await recoverImports(store, { clock: Date.now, newId: randomUUID });
    await expect(executeImport(store, request(), options)).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    expect(await store.accounts.count()).toBe(0);
  });

  it('a refused import leaves no running record behind, and its key can be used again', async () => {
    await store.teams.upsert({ id: 'team-x', resellerId: 'r1', name: 'Team X', maxUsers: 10 });
    await expect(executeImport(store, request(), options)).rejects.toMatchObject({ code: 'team_full' });
    expect(await store.imports.headByKey('r1', 'k')).toBeUndefined();
    const ok = await executeImport(store, request({ haloUserIds: [1, 2] }), options);
    expect(ok.imported).toHaveLength(2);
  });
});
