/**
 * Two app instances on one PostgreSQL database behave as one: a draft made on A is approved on B,
 * concurrent imports through A and B never duplicate an account, a double approve (and a double
 * POST with one Idempotency-Key) hitting both at once imports once, and the kv store's optimistic
 * concurrency holds across instances.
 */
import { randomUUID } from 'node:crypto';
import { importRecordSchema, type ImportRecord } from '../../../src/contracts';
import { isAppError } from '../../../src/errors';
import { IDS } from '../../fixtures/core/service-harness';
import { BIG_GROUP, BIG_USERS, TEAM } from '../../fixtures/durability/world';
import { startTwoInstances, type TwoInstances } from '../../fixtures/durability/two-instances';

const url = process.env.TEST_POSTGRES_URL;
// Only a machine without the PostgreSQL server binaries lacks TEST_POSTGRES_URL (postgres-setup.ts
// starts a throwaway cluster otherwise, and CI refuses to run without one): SQLite cannot host
// two server instances, so there is nothing to run there.
const describeOnPostgres = url ? describe : describe.skip;

jest.setTimeout(60_000);

const ids = (from: number, to: number) => BIG_USERS.slice(from, to).map((u) => u.id);

describeOnPostgres('two app instances on one PostgreSQL database', () => {
  let two: TwoInstances;
  beforeEach(async () => {
    two = await startTwoInstances(url as string);
  });
  afterEach(async () => two.close());

  const accounts = () => two.db.store.accounts.count();

  it('a draft created through instance A is approved through instance B, and A sees the result', async () => {
    const { a, b } = two;
    const draft = await a.app.service.createDraft(a.ada, { teamId: TEAM, groupId: BIG_GROUP.id, selection: { kind: 'ids', haloUserIds: ids(0, 50) } });
    expect(await b.app.service.getDraft(b.rita, draft.id)).toMatchObject({ id: draft.id, status: 'pending', requestedBy: { name: 'Ada Admin' } });

    const approved = await b.app.service.approveDraft(b.rita, draft.id);
    expect(approved.result).toMatchObject({ status: 'completed', approvedBy: 'Rita Reviewer' });
    expect(approved.result.imported).toHaveLength(50);

    expect(await a.app.service.getDraft(a.ada, draft.id)).toMatchObject({ status: 'approved', importId: approved.result.id, closedBy: { name: 'Rita Reviewer' } });
    expect(await a.app.service.getImport(a.ada, approved.result.id)).toEqual(approved.result);
    // approving again on A shows B's result
    expect((await a.app.service.approveDraft(a.ada, draft.id)).result).toEqual(approved.result);
  });

  it('concurrent imports of overlapping users through A and B (HTTP API) leave no duplicate account; each user is imported once', async () => {
    const { a, b } = two;
    const before = await accounts();
    // 0..799 into one Team through A, 600..999 into another through B: 200 users overlap
    const [ra, rb] = await Promise.all([
      a.api(IDS.ada, 'POST', `/teams/${TEAM}/imports`, { groupId: BIG_GROUP.id, haloUserIds: ids(0, 800) }, { 'idempotency-key': randomUUID() }),
      b.api(IDS.ada, 'POST', '/teams/team-x/imports', { groupId: BIG_GROUP.id, haloUserIds: ids(600, 1000) }, { 'idempotency-key': randomUUID() }),
    ]);
    expect([ra.status, rb.status]).toEqual([201, 201]);
    const [x, y] = [importRecordSchema.parse(ra.json), importRecordSchema.parse(rb.json)];

    const imported = [...x.imported, ...y.imported].map((i) => i.email.toLowerCase());
    expect(new Set(imported).size).toBe(imported.length);
    expect(imported).toHaveLength(1000);
    for (const s of [...x.skipped, ...y.skipped]) expect(s.status).toBe('exists');
    expect(x.skipped.length + y.skipped.length).toBe(200);
    expect(await accounts()).toBe(before + 1000);
    for (const u of BIG_USERS.slice(0, 1000)) expect(await two.db.store.accounts.findByEmail(u.email.toLowerCase())).toBeDefined();
  });

  it('a double approve hitting A and B at the same time imports once and both show that one result', async () => {
    const { a, b } = two;
    const draft = await a.app.service.createDraft(a.ada, { teamId: TEAM, groupId: BIG_GROUP.id, selection: { kind: 'allImportable' } });
    const before = await accounts();
    const [x, y] = await Promise.all([a.app.service.approveDraft(a.ada, draft.id), b.app.service.approveDraft(b.rita, draft.id)]);
    expect(y.result).toEqual(x.result);
    expect(x.result.imported).toHaveLength(BIG_USERS.length);
    expect(await accounts()).toBe(before + BIG_USERS.length);
    const audit = await two.db.store.audit.list({ resellerId: 'contoso-msp', limit: 100 });
    expect(audit.filter((e) => e.action === 'import.approved')).toHaveLength(1);
    expect(audit.filter((e) => e.action === 'import.completed')).toHaveLength(1);
    expect((await a.app.service.getDraft(a.ada, draft.id)).status).toBe('approved');
  });

  it('one Idempotency-Key sent to A and B at once imports once and both answer the same import', async () => {
    const { a, b } = two;
    const key = randomUUID();
    const body = { groupId: BIG_GROUP.id, haloUserIds: ids(0, 300) };
    const before = await accounts();
    const answers = await Promise.all([
      a.api(IDS.ada, 'POST', `/teams/${TEAM}/imports`, body, { 'idempotency-key': key }),
      b.api(IDS.ada, 'POST', `/teams/${TEAM}/imports`, { ...body, haloUserIds: [...body.haloUserIds].reverse() }, { 'idempotency-key': key }),
    ]);
    const [x, y] = answers.map((r) => importRecordSchema.parse(r.json)) as [ImportRecord, ImportRecord];
    expect(y).toEqual(x);
    expect(x.imported).toHaveLength(300);
    expect(await accounts()).toBe(before + 300);
    const fromB = await b.api(IDS.ada, 'GET', `/imports/${x.id}`);
    expect(fromB).toEqual({ status: 200, json: x });
  });

  it('the kv store\'s optimistic concurrency holds across instances', async () => {
    const [ka, kb] = [two.a.app.store.kv, two.b.app.store.kv];
    const isConflict = (r: PromiseSettledResult<number>) => r.status === 'rejected' && isAppError(r.reason) && r.reason.code === 'conflict';

    // ten "only if absent" writes, alternating instances: exactly one wins
    const creates = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => (i % 2 ? kb : ka).set('conv', 'c1', { by: i }, 0)));
    expect(creates.filter((r) => r.status === 'fulfilled')).toEqual([{ status: 'fulfilled', value: 1 }]);
    expect(creates.filter(isConflict)).toHaveLength(9);
    const stored = await kb.get('conv', 'c1');
    expect(stored?.version).toBe(1);
    expect(await ka.get('conv', 'c1')).toEqual(stored);

    // both read version 1 and write: one wins, the other is told to reload
    const updates = await Promise.allSettled([ka.set('conv', 'c1', { by: 'a' }, 1), kb.set('conv', 'c1', { by: 'b' }, 1)]);
    expect(updates.filter((r) => r.status === 'fulfilled')).toEqual([{ status: 'fulfilled', value: 2 }]);
    expect(updates.filter(isConflict)).toHaveLength(1);
    const winner = updates[0]!.status === 'fulfilled' ? 'a' : 'b';
    expect(await kb.get('conv', 'c1')).toEqual({ value: { by: winner }, version: 2 });

    // unconditional writes from both never lose a version bump
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? kb : ka).set('conv', 'c1', { n: i })));
    expect((await ka.get('conv', 'c1'))?.version).toBe(12);
    await kb.delete('conv', 'c1');
    expect(await ka.get('conv', 'c1')).toBeUndefined();
  });
});
