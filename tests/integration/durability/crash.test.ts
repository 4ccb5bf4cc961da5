/**
 * Durable imports, proven with real child processes killed by SIGKILL at three points of an import
 * (before the work transaction, between account batches, after the commit), through the tab
 * import and through a draft approval, on SQLite and on PostgreSQL. Whatever the point: either
 * nothing or the complete import is in the database; after a restart (recovery) the import is
 * complete or clearly failed; retries never import anybody twice.
 */
import { randomUUID } from 'node:crypto';
import { createMemoryLogger } from '../../../src/logging';
import { DEFAULT_IMPORT_LEASE_MS, INTERRUPTED_REASON, recoverImports, startImportRecovery } from '../../../src/import';
import { draftAttemptKey } from '../../../src/service';
import type { Store } from '../../../src/store';
import { startCrashChild, waitForDeadSessions, type CrashChild } from '../../fixtures/durability/child-process';
import type { CrashPlan, StopPoint } from '../../fixtures/durability/crash-worker';
import { BIG_GROUP, BIG_USERS, seedWorld, TEAM, type World } from '../../fixtures/durability/world';
import { testDialects, type TestStore } from '../../fixtures/core/test-stores';

jest.setTimeout(60_000);

const IDS = BIG_USERS.map((u) => u.id);
/** a restart after the lease: the dead import is old enough to be recovered */
const afterLease = () => Date.now() + DEFAULT_IMPORT_LEASE_MS + 1_000;

describe.each(testDialects())('a server killed during an import, on $name', (dialect) => {
  let t: TestStore;
  let store: Store;
  let world: World;
  let child: CrashChild | undefined;

  beforeEach(async () => {
    t = await dialect.create();
    store = t.store;
    world = await seedWorld(store);
  });
  afterEach(async () => {
    await child?.kill();
    child = undefined;
    await t.dispose();
  });

  const recover = () => recoverImports(store, { clock: afterLease, newId: randomUUID });
  const snapshot = async () => ({
    accounts: await store.accounts.count(),
    members: (await store.teams.countMembers([TEAM])).get(TEAM),
  });
  const importPlan = (stopAt: StopPoint, key: string): CrashPlan => ({
    database: t.database,
    stopAt,
    action: { kind: 'import', teamId: TEAM, groupId: BIG_GROUP.id, haloUserIds: IDS, key },
  });

  /** runs the child until its stop point and kills it there */
  async function killAt(plan: CrashPlan): Promise<void> {
    child = await startCrashChild(plan);
    expect(child.line).toBe(`stopped ${plan.stopAt}`);
    await child.kill();
    child = undefined;
    await waitForDeadSessions(t.database);
  }

  describe('the tab import', () => {
    it.each<StopPoint>(['before-work', 'in-batches'])(
      'killed %s: nothing imported, shown running, then failed with the reason after a restart; the same key answers that',
      async (stopAt) => {
        const before = await snapshot();
        const key = `crash-${stopAt}`;
        await killAt(importPlan(stopAt, key));

        expect(await snapshot()).toEqual(before);
        const head = await store.imports.headByKey('contoso-msp', key);
        expect(head).toMatchObject({ status: 'running', haloUserIds: IDS });
        const running = await world.service.getImport(world.ada, head!.id);
        expect(running).toMatchObject({ status: 'running', completedAt: null, imported: [], skipped: [], failed: [] });
        // within the lease nobody touches it: the worker might only be about to take hold of it
        expect(await recoverImports(store, { clock: Date.now, newId: randomUUID })).toEqual([]);

        expect(await recover()).toEqual([head!.id]);
        const failed = await world.service.getImport(world.ada, head!.id);
        expect(failed).toMatchObject({ status: 'failed', failureReason: INTERRUPTED_REASON, imported: [], skipped: [] });
        expect(failed.completedAt).toEqual(expect.any(String));
        expect(failed.failed).toHaveLength(IDS.length);
        expect(new Set(failed.failed.map((f) => f.reason))).toEqual(new Set([INTERRUPTED_REASON]));
        const [audit] = await store.audit.list({ resellerId: 'contoso-msp', limit: 1 });
        expect(audit).toMatchObject({ actor: 'system', action: 'import.failed', teamId: TEAM, details: { importId: head!.id, reason: INTERRUPTED_REASON, users: IDS.length } });

        // the client retries with its key: it sees the final state, and nothing is imported
        const retry = await world.service.importUsers(world.ada, { teamId: TEAM, groupId: BIG_GROUP.id, haloUserIds: IDS, idempotencyKey: key });
        expect(retry).toEqual(failed);
        expect(await snapshot()).toEqual(before);
        expect(await recover()).toEqual([]);

        // "Run it again" (a new key) imports everyone, once
        const again = await world.service.importUsers(world.ada, { teamId: TEAM, groupId: BIG_GROUP.id, haloUserIds: IDS, idempotencyKey: `${key}-again` });
        expect(again.imported).toHaveLength(IDS.length);
        expect(await snapshot()).toEqual({ accounts: before.accounts + IDS.length, members: (before.members ?? 0) + IDS.length });
      },
    );

    it('killed after the commit: the import is complete, recovery leaves it, and the same key answers it', async () => {
      const before = await snapshot();
      await killAt(importPlan('after-commit', 'crash-after'));
      const done = await store.imports.findByKey('contoso-msp', 'crash-after');
      expect(done).toMatchObject({ status: 'completed' });
      expect(done!.imported).toHaveLength(IDS.length);
      const after = await snapshot();
      expect(after).toEqual({ accounts: before.accounts + IDS.length, members: (before.members ?? 0) + IDS.length });

      expect(await recover()).toEqual([]);
      const retry = await world.service.importUsers(world.ada, { teamId: TEAM, groupId: BIG_GROUP.id, haloUserIds: IDS, idempotencyKey: 'crash-after' });
      expect(retry.id).toBe(done!.id);
      expect(retry.imported).toHaveLength(IDS.length);
      expect(await snapshot()).toEqual(after);
    });

    it('a retry with the same key before any restart finishes the dead import itself, once', async () => {
      const before = await snapshot();
      await killAt(importPlan('in-batches', 'crash-retry'));
      const head = await store.imports.headByKey('contoso-msp', 'crash-retry');

      const retry = await world.service.importUsers(world.ada, { teamId: TEAM, groupId: BIG_GROUP.id, haloUserIds: IDS, idempotencyKey: 'crash-retry' });
      expect(retry).toMatchObject({ id: head!.id, status: 'completed' });
      expect(retry.imported).toHaveLength(IDS.length);
      expect(await recover()).toEqual([]);
      expect(await snapshot()).toEqual({ accounts: before.accounts + IDS.length, members: (before.members ?? 0) + IDS.length });
    });

    it('recovery never fails an import whose worker is alive (it holds its import until commit)', async () => {
      child = await startCrashChild(importPlan('in-batches', 'alive'));
      expect(child.line).toBe('stopped in-batches');
      const head = await store.imports.headByKey('contoso-msp', 'alive');
      expect(head?.status).toBe('running');
      const logger = createMemoryLogger();
      if (t.file) {
        // SQLite: the live worker holds the write lock; recovery waits for it, then postpones
        const impatient = await t.openAnother({ migrate: false, busyTimeoutMs: 100 });
        await expect(recoverImports(impatient, { clock: afterLease, newId: randomUUID })).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
        const recovery = await startImportRecovery(impatient, { clock: afterLease, newId: randomUUID, logger, intervalMs: 3_600_000 });
        expect(recovery.recovered).toEqual([]);
        await recovery.stop();
        expect(logger.lines.join('\n')).toContain('import recovery postponed: the database is busy');
      } else {
        // PostgreSQL: SKIP LOCKED passes over the row the live worker holds
        expect(await recover()).toEqual([]);
      }
      expect((await store.imports.headByKey('contoso-msp', 'alive'))?.status).toBe('running');

      await child.kill();
      child = undefined;
      await waitForDeadSessions(t.database);
      const recovery = await startImportRecovery(store, { clock: afterLease, newId: randomUUID, logger, intervalMs: 3_600_000 });
      expect(recovery.recovered).toEqual([head!.id]);
      await recovery.stop();
      expect(logger.lines.join('\n')).toContain('import interrupted by a server stop, marked failed');
    });
  });

  describe('a draft approval', () => {
    async function draftFor(): Promise<string> {
      const draft = await world.service.createDraft(world.ada, { teamId: TEAM, groupId: BIG_GROUP.id, selection: { kind: 'allImportable' } });
      expect(draft.toImport).toHaveLength(IDS.length);
      return draft.id;
    }
    const approvePlan = (stopAt: StopPoint, draftId: string): CrashPlan => ({ database: t.database, stopAt, action: { kind: 'approve', draftId } });

    it.each<StopPoint>(['before-work', 'in-batches'])(
      'killed %s: the draft is not stuck; it shows the failure and approving again imports once',
      async (stopAt) => {
        const draftId = await draftFor();
        const before = await snapshot();
        await killAt(approvePlan(stopAt, draftId));
        expect(await snapshot()).toEqual(before);
        expect(await world.service.getDraft(world.ada, draftId)).toMatchObject({ status: 'pending', importId: null });

        const [failedId] = await recover();
        const draft = await world.service.getDraft(world.ada, draftId);
        expect(draft).toMatchObject({ status: 'pending', lastFailure: { importId: failedId, reason: INTERRUPTED_REASON } });
        expect((await world.service.getImport(world.ada, failedId!)).status).toBe('failed');

        const first = await world.service.approveDraft(world.ada, draftId);
        expect(first.result).toMatchObject({ status: 'completed', approvedBy: 'Ada Admin' });
        expect(first.result.imported).toHaveLength(IDS.length);
        expect(first.draft).toMatchObject({ status: 'approved', importId: first.result.id });
        expect((await store.imports.headByKey('contoso-msp', draftAttemptKey(draftId, 2)))?.id).toBe(first.result.id);
        // a second approve (another admin, a double click) shows the first result
        const second = await world.service.approveDraft(world.rita, draftId);
        expect(second.result).toEqual(first.result);
        expect(await snapshot()).toEqual({ accounts: before.accounts + IDS.length, members: (before.members ?? 0) + IDS.length });
      },
    );

    it('killed after the commit: the draft is approved with the complete import; approving again shows it', async () => {
      const draftId = await draftFor();
      const before = await snapshot();
      await killAt(approvePlan('after-commit', draftId));
      const draft = await world.service.getDraft(world.ada, draftId);
      expect(draft).toMatchObject({ status: 'approved', closedBy: { name: 'Rita Reviewer' } });
      expect(await recover()).toEqual([]);
      const again = await world.service.approveDraft(world.ada, draftId);
      expect(again.result).toMatchObject({ id: draft.importId, status: 'completed', approvedBy: 'Rita Reviewer' });
      expect(again.result.imported).toHaveLength(IDS.length);
      expect(await snapshot()).toEqual({ accounts: before.accounts + IDS.length, members: (before.members ?? 0) + IDS.length });
    });
  });
});
