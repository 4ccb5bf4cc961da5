import fs from 'node:fs';
import { keyId } from '../../../src/config';
import { createVault } from '../../../src/secrets';
import { createHaloImportService } from '../../../src/service';
import { silentLogger } from '../../../src/logging';
import { CREDENTIALS, createHarness, type Harness } from '../../fixtures/core/service-harness';

describe('HaloImportService', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => h.t.dispose());

  const connect = () => h.service.saveConnection(h.as.ada, CREDENTIALS);
  const audit = async () => (await h.t.store.audit.list({ resellerId: 'contoso-msp', limit: 100 })).map((a) => a.action).reverse();

  describe('connection', () => {
    it('verifies with HaloPSA before storing and never returns the secret', async () => {
      const view = await connect();
      expect(view).toEqual({ configured: true, tenantId: 'demo', clientId: 'halo-import-demo', baseUrl: null, updatedAt: '2026-06-01T09:00:00.000Z', updatedBy: 'Ada Admin' });
      expect(h.halo.calls[0]).toMatchObject({ method: 'verify', connection: CREDENTIALS });
      expect(JSON.stringify(await h.service.getConnection(h.as.ada))).not.toContain(CREDENTIALS.clientSecret);
      expect(await audit()).toEqual(['connection.saved']);
    });

    it.each([
      ['a wrong secret', { ...CREDENTIALS, clientSecret: 'wrong' }, 'halo_invalid_client'],
      ['an unknown tenant', { ...CREDENTIALS, tenantId: 'nope' }, 'halo_tenant_unknown'],
      ['no tenant and no base URL', { ...CREDENTIALS, tenantId: '' }, 'bad_request'],
      ['an empty client id', { ...CREDENTIALS, clientId: ' ' }, 'bad_request'],
    ])('stores nothing when HaloPSA or validation refuses (%s)', async (_name, input, code) => {
      await expect(h.service.saveConnection(h.as.ada, input)).rejects.toMatchObject({ code });
      expect(await h.service.getConnection(h.as.ada)).toMatchObject({ configured: false });
      expect(await audit()).toEqual([]);
    });

    it('keeps an existing connection when new credentials are refused', async () => {
      await connect();
      await expect(h.service.saveConnection(h.as.ada, { ...CREDENTIALS, clientId: 'other' })).rejects.toMatchObject({ code: 'halo_invalid_client' });
      expect(await h.service.getConnection(h.as.ada)).toMatchObject({ clientId: 'halo-import-demo' });
    });

    it('keeps no plaintext secret in the database file or the logs', async () => {
      await connect();
      await h.service.listGroups(h.as.ada);
      // not checkpointed yet: the rows live in the WAL file, so read every file of the database
      const needle = Buffer.from(CREDENTIALS.clientSecret);
      for (const suffix of ['', '-wal', '-shm']) {
        const file = `${h.t.file}${suffix}`;
        if (fs.existsSync(file)) expect(fs.readFileSync(file).includes(needle)).toBe(false);
      }
      expect(h.logger.lines.join('\n')).not.toContain(CREDENTIALS.clientSecret);
    });

    it('decrypts the secret only to call HaloPSA, and fails loudly under another key', async () => {
      await connect();
      expect(h.halo.calls.at(-1)?.connection.clientSecret).toBe(CREDENTIALS.clientSecret);
      const otherKey = Buffer.alloc(32, 3);
      const wrong = createHaloImportService({ store: h.t.store, halo: h.halo, vault: createVault({ current: { id: keyId(otherKey), key: otherKey } }), clock: Date.now, logger: silentLogger });
      await expect(wrong.listGroups(h.as.ada)).rejects.toMatchObject({ code: 'secret_undecryptable' });
    });

    it('says when no connection is stored, and removes one with an audit entry', async () => {
      await expect(h.service.listGroups(h.as.ada)).rejects.toMatchObject({ code: 'halo_not_configured' });
      await connect();
      await h.service.deleteConnection(h.as.ada);
      await h.service.deleteConnection(h.as.ada);
      expect(await h.service.getConnection(h.as.ada)).toMatchObject({ configured: false });
      expect(await audit()).toEqual(['connection.saved', 'connection.removed']);
    });
  });

  describe('preview', () => {
    beforeEach(connect);

    it('gives every user of the group one status and reason, with counts and breadcrumbs', async () => {
      const p = await h.service.preview(h.as.ada, 'team-x', 12);
      expect(p.team).toEqual({ id: 'team-x', name: 'Team X' });
      expect(p.breadcrumbs).toEqual(['Contoso MSP', 'Team X']);
      expect(p.group).toEqual({ id: 12, name: 'Acme Corporation' });
      expect(p.counts).toEqual({ importable: 3, member: 1, exists: 1, no_email: 2, invalid_email: 1, duplicate: 1, inactive: 1 });
      const byId = Object.fromEntries(p.users.map((u) => [u.haloId, `${u.status}: ${u.reason}`]));
      expect(byId).toMatchObject({
        501: 'importable: Ready to import',
        502: 'duplicate: Same email as Jane Doe (Halo #501) in this group',
        503: 'member: Already a member of Team X',
        504: 'exists: Already has a BrainStation account',
        505: 'no_email: No email address in HaloPSA',
        507: 'invalid_email: Email address is not valid: "jane@"',
        508: 'inactive: Inactive in HaloPSA',
      });
    });

    it('answers not_found for a group HaloPSA does not have', async () => {
      await expect(h.service.preview(h.as.ada, 'team-x', 999)).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/no customer with id 999/) });
    });

    it('reuses a group\'s users briefly, per connection version', async () => {
      await h.service.preview(h.as.ada, 'team-x', 12);
      await h.service.preview(h.as.ada, 'team-acme', 12);
      expect(h.halo.count('listUsers')).toBe(1);
      h.clock.now += 61_000;
      await h.service.preview(h.as.ada, 'team-x', 12);
      expect(h.halo.count('listUsers')).toBe(2);
      await connect();
      await h.service.preview(h.as.ada, 'team-x', 12);
      expect(h.halo.count('listUsers')).toBe(3);
    });

    it('asks HaloPSA on every "Load Groups", so a revoked permission shows at once', async () => {
      expect((await h.service.listGroups(h.as.ada)).map((g) => g.name)).toEqual(['Acme Corporation', 'Fabrikam Retail', 'Initech']);
      h.halo.failures.listGroups = 'halo_permission_denied';
      await expect(h.service.listGroups(h.as.ada)).rejects.toMatchObject({ code: 'halo_permission_denied' });
      expect(h.halo.count('listGroups')).toBe(2);
    });

    it('finds a HaloPSA customer created after the groups were cached', async () => {
      await h.service.listGroups(h.as.ada);
      h.halo.withGroup({ id: 77, name: 'Newco' }, []);
      await expect(h.service.preview(h.as.ada, 'team-x', 77)).resolves.toMatchObject({ group: { id: 77, name: 'Newco' } });
    });

    it('passes HaloPSA failures through and does not cache them', async () => {
      h.halo.failures.listUsers = 'halo_rate_limited';
      await expect(h.service.preview(h.as.ada, 'team-x', 12)).rejects.toMatchObject({ code: 'halo_rate_limited' });
      delete h.halo.failures.listUsers;
      await expect(h.service.preview(h.as.ada, 'team-x', 12)).resolves.toMatchObject({ counts: { importable: 3 } });
    });
  });

  describe('importUsers (tab)', () => {
    beforeEach(connect);
    const req = (over = {}) => ({ teamId: 'team-x', groupId: 12, haloUserIds: [501, 502, 503, 509, 510, 4242], idempotencyKey: 'tab-1', ...over });

    it('imports the importable users and reports the rest', async () => {
      const r = await h.service.importUsers(h.as.ada, req());
      expect(r).toMatchObject({ status: 'completed', teamId: 'team-x', groupId: 12, requestedBy: 'Ada Admin', approvedBy: null });
      expect(r.imported.map((i) => i.haloId)).toEqual([501, 509, 510]);
      expect(r.skipped.map((s) => [s.haloId, s.status])).toEqual([[502, 'duplicate'], [503, 'member']]);
      expect(r.failed).toEqual([{ haloId: 4242, reason: 'not in this HaloPSA group' }]);
      expect(Object.keys(r).sort()).toEqual(['approvedBy', 'completedAt', 'createdAt', 'failed', 'groupId', 'id', 'imported', 'requestedBy', 'skipped', 'status', 'teamId']);
      expect(await h.service.getImport(h.as.carl, r.id)).toEqual(r);
      expect(await h.service.listImports(h.as.ada, 'team-x')).toEqual([r]);
      const members = await h.service.listMembers(h.as.carl, 'team-x');
      expect(members.filter((m) => m.source === 'halo-import').map((m) => m.name).sort()).toEqual(['Jane Doe', 'Zoë Åkesson', '李雷']);
    });

    it('answers a retry with the same key from the store, even while HaloPSA is down', async () => {
      const first = await h.service.importUsers(h.as.ada, req());
      h.halo.failures.listUsers = 'halo_unreachable';
      h.halo.failures.listGroups = 'halo_unreachable';
      expect(await h.service.importUsers(h.as.ada, req())).toEqual(first);
      await expect(h.service.importUsers(h.as.ada, req({ haloUserIds: [510] }))).rejects.toMatchObject({ code: 'idempotency_key_reused' });
      expect(await h.t.store.accounts.count()).toBe(3 + 3);
    });

    it.each([
      ['no idempotency key', { idempotencyKey: '  ' }, 'idempotency_key_missing'],
      ['no users', { haloUserIds: [] }, 'bad_request'],
    ])('refuses %s', async (_n, over, code) => {
      await expect(h.service.importUsers(h.as.ada, req(over))).rejects.toMatchObject({ code });
    });

    it('refuses to take a team over maxUsers, with the numbers', async () => {
      const ids = Array.from({ length: 24 }, (_, i) => 1500 + i);
      await expect(h.service.importUsers(h.as.ada, req({ teamId: 'team-fabrikam', groupId: 15, haloUserIds: ids }))).rejects.toMatchObject({
        code: 'team_full',
        message: 'Fabrikam Retail allows 10 users. It has 0 members and this import would add 24 (14 too many). Select at most 10 users, or ask to raise the Team\'s limit.',
      });
      expect(await h.service.listImports(h.as.ada, 'team-fabrikam')).toEqual([]);
    });
  });

  describe('drafts (bot)', () => {
    beforeEach(connect);
    const draftOf = (teamId = 'team-x') => h.service.createDraft(h.as.ada, { teamId, groupId: 12, selection: { kind: 'ids', haloUserIds: [501, 502, 509] } });

    it('keeps what will be imported and skipped, and who asked', async () => {
      const d = await draftOf();
      expect(d).toMatchObject({
        status: 'pending',
        teamName: 'Team X',
        groupName: 'Acme Corporation',
        requestedBy: { adminId: h.as.ada.adminId, name: 'Ada Admin' },
        toImport: [{ haloId: 501, name: 'Jane Doe', email: 'jane.doe@acme.example' }, { haloId: 509, name: 'Zoë Åkesson', email: 'zoe@acme.example' }],
        skipped: [{ haloId: 502, name: 'J. Doe', status: 'duplicate', reason: 'Same email as Jane Doe (Halo #501) in this group' }],
        requireSecondApprover: false,
      });
      expect(await h.service.getDraft(h.as.rita, d.id)).toEqual(d);
    });

    it('selects every importable user on request', async () => {
      const d = await h.service.createDraft(h.as.ada, { teamId: 'team-x', groupId: 12, selection: { kind: 'allImportable' } });
      expect(d.toImport.map((u) => u.haloId).sort()).toEqual([501, 509, 510]);
    });

    it.each([
      ['nothing importable was selected', [503, 505], /None of the selected users can be imported/],
      ['the group is empty', 'all' as const, /Initech has no users that can be imported into Team X/],
    ])('explains when %s', async (_n, ids, message) => {
      const selection = ids === 'all' ? { kind: 'allImportable' as const } : { kind: 'ids' as const, haloUserIds: ids };
      await expect(h.service.createDraft(h.as.ada, { teamId: 'team-x', groupId: ids === 'all' ? 30 : 12, selection })).rejects.toMatchObject({ code: 'bad_request', message });
    });

    it('approves once: a second approve (double click, another admin, another instance) shows the first result', async () => {
      const d = await draftOf();
      const progress: number[] = [];
      const first = await h.service.approveDraft(h.as.rita, d.id, (done) => progress.push(done));
      expect(first.draft).toMatchObject({ status: 'approved', importId: first.result.id, closedBy: { name: 'Rita Reviewer' } });
      expect(first.result).toMatchObject({ requestedBy: 'Ada Admin', approvedBy: 'Rita Reviewer' });
      expect(first.result.imported.map((i) => i.haloId)).toEqual([501, 509]);
      expect(progress).toEqual([2]);
      const again = await Promise.all([h.service.approveDraft(h.as.ada, d.id), h.another().approveDraft(h.as.rita, d.id)]);
      for (const a of again) expect(a.result).toEqual(first.result);
      expect(await h.service.listImports(h.as.ada, 'team-x')).toHaveLength(1);
      expect(await audit()).toEqual(['connection.saved', 'import.requested', 'import.completed', 'import.approved']);
    });

    it('runs concurrent approvals once', async () => {
      const d = await draftOf();
      const results = await Promise.all([h.service.approveDraft(h.as.ada, d.id), h.another().approveDraft(h.as.rita, d.id)]);
      expect(results[0].result).toEqual(results[1].result);
      expect(await h.service.listImports(h.as.ada, 'team-x')).toHaveLength(1);
    });

    it('cancels: the draft closes and cannot be approved afterwards', async () => {
      const d = await draftOf();
      expect(await h.service.cancelDraft(h.as.rita, d.id)).toMatchObject({ status: 'cancelled', closedBy: { name: 'Rita Reviewer' } });
      expect(await h.service.cancelDraft(h.as.ada, d.id)).toMatchObject({ status: 'cancelled' });
      await expect(h.service.approveDraft(h.as.ada, d.id)).rejects.toMatchObject({ code: 'draft_closed', message: expect.stringMatching(/cancelled by Rita Reviewer/) });
      expect(await h.service.listImports(h.as.ada, 'team-x')).toEqual([]);
      expect(await audit()).toEqual(['connection.saved', 'import.requested', 'import.cancelled']);
    });

    it('refuses to cancel an approved draft', async () => {
      const d = await draftOf();
      await h.service.approveDraft(h.as.ada, d.id);
      await expect(h.service.cancelDraft(h.as.rita, d.id)).rejects.toMatchObject({ code: 'draft_closed', message: expect.stringMatching(/already approved by Ada Admin/) });
    });

    it('with requireSecondApprover, the requester cannot approve, another admin can', async () => {
      await h.t.store.resellers.upsert({ id: 'contoso-msp', name: 'Contoso MSP', entraTenantId: 'a1b2c3d4-0000-4000-8000-000000000001', requireSecondApprover: true });
      const d = await draftOf();
      expect(d.requireSecondApprover).toBe(true);
      await expect(h.service.approveDraft(h.as.ada, d.id)).rejects.toMatchObject({ code: 'self_approval_refused' });
      expect((await h.service.getDraft(h.as.ada, d.id)).status).toBe('pending');
      expect((await h.service.approveDraft(h.as.rita, d.id)).result.approvedBy).toBe('Rita Reviewer');
      // once approved, the requester may look at the result
      expect((await h.service.approveDraft(h.as.ada, d.id)).draft.status).toBe('approved');
    });

    it('re-checks at approval: users who joined meanwhile are skipped, and a full team refuses', async () => {
      const d = await draftOf();
      await h.service.importUsers(h.as.ada, { teamId: 'team-x', groupId: 12, haloUserIds: [509], idempotencyKey: 'meanwhile' });
      const { result } = await h.service.approveDraft(h.as.ada, d.id);
      expect(result.imported.map((i) => i.haloId)).toEqual([501]);
      expect(result.skipped).toContainEqual({ haloId: 509, status: 'member', reason: 'Already a member of Team X' });

      const small = await h.service.createDraft(h.as.ada, { teamId: 'team-fabrikam', groupId: 15, selection: { kind: 'ids', haloUserIds: [1500, 1501] } });
      await h.t.store.teams.upsert({ id: 'team-fabrikam', resellerId: 'contoso-msp', name: 'Fabrikam Retail', maxUsers: 1 });
      await expect(h.service.approveDraft(h.as.ada, small.id)).rejects.toMatchObject({ code: 'team_full' });
      expect((await h.service.getDraft(h.as.ada, small.id)).status).toBe('pending');
    });

    it('refuses a draft that would overfill the team up front', async () => {
      await expect(h.service.createDraft(h.as.ada, { teamId: 'team-fabrikam', groupId: 15, selection: { kind: 'allImportable' } })).rejects.toMatchObject({ code: 'team_full' });
    });
  });
});
