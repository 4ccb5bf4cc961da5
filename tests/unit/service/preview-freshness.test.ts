import { createHaloImportService, type HaloImportService } from '../../../src/service';
import type { Store } from '../../../src/store';
import { CREDENTIALS, createHarness, type Harness } from '../../fixtures/core/service-harness';

// Computed previews are reused between page flips, and never shown stale after an import:
// the demo seed on SQLite, a fake HaloPSA, and a store that counts the eligibility lookups.

let h: Harness;
let lookups: number;
let service: HaloImportService;

/** The store with `accounts.findExistingEmails` (one per eligibility computation) counted. */
function countingStore(store: Store): Store {
  const accounts = new Proxy(store.accounts, {
    get(target, prop, receiver) {
      if (prop === 'findExistingEmails') {
        return (emails: readonly string[]) => {
          lookups++;
          return target.findExistingEmails(emails);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return new Proxy(store, {
    get: (target, prop, receiver) => (prop === 'accounts' ? accounts : (Reflect.get(target, prop, receiver) as unknown)),
  });
}

const statusOf = async (s: HaloImportService, teamId: string, haloId: number) =>
  (await s.preview(h.as.ada, teamId, 12)).users.find((u) => u.haloId === haloId)?.status;

beforeEach(async () => {
  h = await createHarness();
  lookups = 0;
  let n = 0;
  service = createHaloImportService({
    store: countingStore(h.t.store),
    halo: h.halo,
    vault: h.vault,
    clock: () => h.clock.now,
    logger: h.logger,
    newId: () => `fresh-${++n}`,
  });
  await service.saveConnection(h.as.ada, CREDENTIALS);
});
afterEach(async () => h.t.dispose());

it('computes a preview once for page flips and the draft that follows', async () => {
  const first = await service.preview(h.as.ada, 'team-x', 12);
  const again = await service.preview(h.as.ada, 'team-x', 12);
  await service.createDraft(h.as.ada, { teamId: 'team-x', groupId: 12, selection: { kind: 'ids', haloUserIds: [501] } });
  expect(again.users).toEqual(first.users);
  expect(lookups).toBe(1);
});

it('computes again after 30 s', async () => {
  await service.preview(h.as.ada, 'team-x', 12);
  h.clock.now += 30_000;
  await service.preview(h.as.ada, 'team-x', 12);
  expect(lookups).toBe(2);
});

it('shows the imported users as members right after a tab import, in every Team', async () => {
  expect(await statusOf(service, 'team-x', 501)).toBe('importable');
  expect(await statusOf(service, 'team-acme', 501)).toBe('importable');
  await service.importUsers(h.as.ada, { teamId: 'team-x', groupId: 12, haloUserIds: [501], idempotencyKey: 'k1' });
  expect(await statusOf(service, 'team-x', 501)).toBe('member');
  // the account now exists, so another Team's preview changes too
  expect(await statusOf(service, 'team-acme', 501)).toBe('exists');
});

it('shows the imported users as members right after an approval', async () => {
  expect(await statusOf(service, 'team-x', 509)).toBe('importable');
  const draft = await service.createDraft(h.as.ada, { teamId: 'team-x', groupId: 12, selection: { kind: 'ids', haloUserIds: [509] } });
  await service.approveDraft(h.as.ada, draft.id);
  expect(await statusOf(service, 'team-x', 509)).toBe('member');
});

it('shows an import into the Team by another instance at once', async () => {
  expect(await statusOf(service, 'team-x', 510)).toBe('importable');
  await h.service.importUsers(h.as.ada, { teamId: 'team-x', groupId: 12, haloUserIds: [510], idempotencyKey: 'elsewhere' });
  expect(await statusOf(service, 'team-x', 510)).toBe('member');
});

it('never imports a row a stale preview still calls importable', async () => {
  // another instance imports 501 into Team Acme: this instance's Team X preview cannot know
  // that 501 now has an account until its cache expires; the import re-checks and skips it
  expect(await statusOf(service, 'team-x', 501)).toBe('importable');
  await h.service.importUsers(h.as.ada, { teamId: 'team-acme', groupId: 12, haloUserIds: [501], idempotencyKey: 'acme' });
  const draft = await service.createDraft(h.as.ada, { teamId: 'team-x', groupId: 12, selection: { kind: 'ids', haloUserIds: [501, 509] } });
  expect(draft.toImport.map((u) => u.haloId)).toEqual([501, 509]);
  const { result } = await service.approveDraft(h.as.ada, draft.id);
  expect(result.imported.map((u) => u.haloId)).toEqual([509]);
  expect(result.skipped).toContainEqual(expect.objectContaining({ haloId: 501, status: 'exists' }));
});

it('recomputes after an import that failed', async () => {
  await service.preview(h.as.ada, 'team-fabrikam', 15);
  await h.t.store.teams.upsert({ id: 'team-fabrikam', resellerId: 'contoso-msp', name: 'Fabrikam Retail', maxUsers: 1 });
  await expect(service.importUsers(h.as.ada, { teamId: 'team-fabrikam', groupId: 15, haloUserIds: [1500, 1501], idempotencyKey: 'full' })).rejects.toMatchObject({ code: 'team_full' });
  const before = lookups;
  await service.preview(h.as.ada, 'team-fabrikam', 15);
  expect(lookups).toBe(before + 1);
});
