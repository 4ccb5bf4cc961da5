import type { HaloUser } from '../../../src/contracts';
import { emptyCounts, type EligibilityResult } from '../../../src/import';
import { createPreviewCache, type PreviewBasis, type PreviewKey } from '../../../src/service/preview-cache';

// The cache alone, on a hand-driven clock: when a computed preview is reused and when it is not.

const KEY: PreviewKey = { resellerId: 'contoso-msp', connectionVersion: 1, teamId: 'team-x', groupId: 12 };
const USERS: HaloUser[] = [{ id: 1, name: 'Jane', email: 'jane@acme.example', site: 'HQ', inactive: false }];
const BASIS: PreviewBasis = { users: USERS, teamName: 'Team X', memberCount: 3 };

function harness(ttlMs = 30_000, limits: { maxEntries?: number; maxRows?: number } = {}) {
  const clock = { now: 0 };
  const cache = createPreviewCache(() => clock.now, { ttlMs, ...limits });
  let computed = 0;
  const ask = (key: PreviewKey = KEY, basis: PreviewBasis = BASIS) =>
    cache.eligibility(key, basis, async () => {
      computed++;
      return { rows: [], counts: emptyCounts() } as EligibilityResult;
    });
  return { clock, cache, ask, computed: () => computed };
}

it.each`
  change                                          | then                                                                           | computed
  ${'nothing'}                                    | ${(h: ReturnType<typeof harness>) => h.ask()}                                    | ${1}
  ${'29.9 s later'}                               | ${(h: ReturnType<typeof harness>) => ((h.clock.now += 29_900), h.ask())}         | ${1}
  ${'30 s later (the TTL)'}                       | ${(h: ReturnType<typeof harness>) => ((h.clock.now += 30_000), h.ask())}         | ${2}
  ${'an import in this process'}                  | ${(h: ReturnType<typeof harness>) => (h.cache.invalidate(), h.ask())}           | ${2}
  ${'the users cache fetched the group again'}    | ${(h: ReturnType<typeof harness>) => h.ask(KEY, { ...BASIS, users: [...USERS] })} | ${2}
  ${'the Team gained a member elsewhere'}         | ${(h: ReturnType<typeof harness>) => h.ask(KEY, { ...BASIS, memberCount: 4 })}   | ${2}
  ${'the Team was renamed'}                       | ${(h: ReturnType<typeof harness>) => h.ask(KEY, { ...BASIS, teamName: 'Team Y' })} | ${2}
  ${'another Team'}                               | ${(h: ReturnType<typeof harness>) => h.ask({ ...KEY, teamId: 'team-acme' })}     | ${2}
  ${'another group'}                              | ${(h: ReturnType<typeof harness>) => h.ask({ ...KEY, groupId: 15 })}             | ${2}
  ${'new HaloPSA credentials (connection version)'} | ${(h: ReturnType<typeof harness>) => h.ask({ ...KEY, connectionVersion: 2 })}  | ${2}
  ${'another reseller'}                           | ${(h: ReturnType<typeof harness>) => h.ask({ ...KEY, resellerId: 'nora-msp' })} | ${2}
`('after $change, a second ask computes $computed time(s) in all', async ({ then, computed }: { then: (h: ReturnType<typeof harness>) => Promise<unknown>; computed: number }) => {
  const h = harness();
  await h.ask();
  await then(h);
  expect(h.computed()).toBe(computed);
});

it('shares one computation between concurrent asks', async () => {
  const h = harness();
  const [a, b] = await Promise.all([h.ask(), h.ask()]);
  expect(a).toBe(b);
  expect(h.computed()).toBe(1);
});

it('keeps nothing computed before an import that finished meanwhile', async () => {
  const h = harness();
  let finish!: () => void;
  const slow = h.cache.eligibility(KEY, BASIS, () => new Promise((resolve) => (finish = () => resolve({ rows: [], counts: emptyCounts() }))));
  h.cache.invalidate();
  finish();
  await slow;
  await h.ask();
  expect(h.computed()).toBe(1);
});

it('forgets a failed computation at once', async () => {
  const h = harness();
  await expect(h.cache.eligibility(KEY, BASIS, () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
  await h.ask();
  expect(h.computed()).toBe(1);
});

it.each`
  limits                         | asks                                      | recomputedFirst
  ${{ maxEntries: 2 }}           | ${['team-a', 'team-b']}                   | ${false}
  ${{ maxEntries: 2 }}           | ${['team-a', 'team-b', 'team-c']}         | ${true}
  ${{ maxRows: 2 }}              | ${['team-a', 'team-b']}                   | ${false}
  ${{ maxRows: 2 }}              | ${['team-a', 'team-b', 'team-c']}         | ${true}
`('holds at most $limits: after $asks the first is recomputed: $recomputedFirst', async ({ limits, asks, recomputedFirst }: { limits: { maxEntries?: number; maxRows?: number }; asks: string[]; recomputedFirst: boolean }) => {
  const h = harness(30_000, limits);
  for (const teamId of asks) await h.ask({ ...KEY, teamId });
  const before = h.computed();
  await h.ask({ ...KEY, teamId: asks[0]! });
  expect(h.computed() - before).toBe(recomputedFirst ? 1 : 0);
});

it('computes every time with a TTL of 0', async () => {
  const h = harness(0);
  await h.ask();
  await h.ask();
  expect(h.computed()).toBe(2);
});
