import { createHaloClient, type HaloClientOptions } from '../../../src/halo';
import { SANDBOX_GROUPS, startHaloSandbox, type HaloSandbox } from '../../../src/halo/sandbox';
import {
  expectedUsers,
  fakeTime,
  recordingFetch,
  rejectionOf,
  sandboxConnection,
} from '../../fixtures/halo/halo-test-kit';

// An interactive call (a bot turn, a tab request) against the sandbox over real HTTP on
// 127.0.0.1, on a virtual clock: it must fail fast with halo_rate_limited and the seconds to
// wait, where a patient caller waits the limit out.

const { fabrikam, acme } = SANDBOX_GROUPS;
const INTERACTIVE = { interactive: true } as const;
let sandbox: HaloSandbox;

function client(options: HaloClientOptions = {}) {
  const time = fakeTime(0);
  const recorder = recordingFetch();
  const halo = createHaloClient({
    allowPrivateUrls: true,
    fetch: recorder.fetch,
    now: time.now,
    sleep: time.sleep,
    random: () => 0,
    ...options,
  });
  return { halo, time, requests: recorder.requests };
}

beforeEach(async () => {
  sandbox = await startHaloSandbox({ rateLimit: false });
});
afterEach(async () => {
  await sandbox.close();
});

describe('a 429 whose Retry-After', () => {
  it.each`
    retryAfterSeconds | interactiveWaitMs | call               | outcome
    ${30}             | ${5000}           | ${INTERACTIVE}     | ${'halo_rate_limited, retry in 30 s, slept []'}
    ${3}              | ${5000}           | ${INTERACTIVE}     | ${'users, slept [3000]'}
    ${30}             | ${60_000}         | ${INTERACTIVE}     | ${'users, slept [30000]'}
    ${30}             | ${5000}           | ${{}}              | ${'users, slept [30000]'}
    ${30}             | ${5000}           | ${undefined}       | ${'users, slept [30000]'}
  `(
    'is $retryAfterSeconds s, budget $interactiveWaitMs ms, call $call: $outcome',
    async ({ retryAfterSeconds, interactiveWaitMs, call, outcome }: { retryAfterSeconds: number; interactiveWaitMs: number; call: { interactive?: boolean } | undefined; outcome: string }) => {
      sandbox.faults.rateLimit(1, { retryAfterSeconds, path: '/api/users' });
      const { halo, time } = client({ interactiveWaitMs });
      const result = await halo.listUsers(sandboxConnection(sandbox), fabrikam, call).then(
        (users) => {
          expect(users).toEqual(expectedUsers(sandbox.data, fabrikam));
          return 'users';
        },
        (error: { code: string; retryAfterSeconds: number }) => `${error.code}, retry in ${error.retryAfterSeconds} s`,
      );
      expect(`${result}, slept ${JSON.stringify(time.slept)}`).toBe(outcome);
    },
  );

  it('counts the waits of the whole call against one budget', async () => {
    // two 3 s waits fit in 5 s one at a time, not together
    sandbox.faults.rateLimit(2, { retryAfterSeconds: 3, path: '/api/users' });
    const { halo, time } = client({ interactiveWaitMs: 5000 });
    const error = await rejectionOf(halo.listUsers(sandboxConnection(sandbox), fabrikam, INTERACTIVE));
    expect(error).toMatchObject({ code: 'halo_rate_limited', retryAfterSeconds: 3 });
    expect(time.slept).toEqual([3000]);
  });
});

describe("the client's own limit, used up", () => {
  const limit = { requests: 3, windowMs: 300_000 };

  it('refuses an interactive call at once, says when to try again, and sends nothing', async () => {
    const { halo, time, requests } = client({ rateLimit: limit });
    // authinfo, token and Fabrikam's one page use the window's three requests
    await halo.listUsers(sandboxConnection(sandbox), fabrikam);
    const sent = requests.length;
    expect(sent).toBe(limit.requests);
    time.advance(10_000);
    const error = await rejectionOf(halo.listUsers(sandboxConnection(sandbox), acme, INTERACTIVE));
    expect(error).toMatchObject({ code: 'halo_rate_limited', retryAfterSeconds: 291 });
    expect(error.message).toContain('Try again in 5 minutes');
    expect(requests).toHaveLength(sent);
    expect(time.now()).toBe(10_000);
  });

  it('lets a patient call wait for the window to move on', async () => {
    const { halo, time } = client({ rateLimit: limit });
    await halo.listUsers(sandboxConnection(sandbox), fabrikam);
    expect(await halo.listUsers(sandboxConnection(sandbox), acme)).toEqual(expectedUsers(sandbox.data, acme));
    expect(time.now()).toBeGreaterThanOrEqual(300_000);
  });

  it('lets an interactive call through when its slot frees within the budget', async () => {
    const { halo, time } = client({ rateLimit: limit, interactiveWaitMs: 5000 });
    await halo.listUsers(sandboxConnection(sandbox), fabrikam);
    time.advance(298_000);
    expect(await halo.listGroups(sandboxConnection(sandbox), INTERACTIVE)).not.toHaveLength(0);
    // the first slot frees 300.6 s after the first answer: 2.6 s of the 5 s budget
    expect(time.now()).toBe(300_600);
  });
});

describe('a big group under an interactive budget', () => {
  const { globex } = SANDBOX_GROUPS;

  it('fails after page 1 when the other pages cannot fit, instead of using up the window', async () => {
    // 10 per window: authinfo, token and page 1 leave 7, Globex needs 49 more pages
    const { halo, time, requests } = client({ rateLimit: { requests: 10, windowMs: 300_000 } });
    const error = await rejectionOf(halo.listUsers(sandboxConnection(sandbox), globex, INTERACTIVE));
    expect(error).toMatchObject({ code: 'halo_rate_limited', retryAfterSeconds: 301 });
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/authinfo', '/auth/token', '/api/Users']);
    expect(time.slept).toEqual([]);
  });

  it('loads every page when they fit in the window', async () => {
    const { halo } = client({ rateLimit: { requests: 52, windowMs: 300_000 } });
    expect(await halo.listUsers(sandboxConnection(sandbox), globex, INTERACTIVE)).toHaveLength(5000);
  });
});
