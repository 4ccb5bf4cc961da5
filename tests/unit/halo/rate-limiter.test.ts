import { createLimiterRegistry, createRateLimiter } from '../../../src/halo/rate-limiter';
import { fakeTime, rejectionOf } from '../../fixtures/halo/halo-test-kit';
import { virtualTime } from './virtual-time';

// A virtual clock: waits cost no real time, and every grant is stamped with when it happened.
// Several callers sleep at once here, so sleeps must end in time order (virtualTime).

async function run(
  limit: { requests: number; windowMs: number },
  count: number,
  latencyMs: number,
  concurrency: number,
) {
  const time = virtualTime(0);
  const limiter = createRateLimiter(limit, time);
  const sent: number[] = [];
  const answered: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const release = await limiter.acquire();
      sent.push(time.now());
      time.advance(latencyMs);
      answered.push(time.now());
      release();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sent, answered, time };
}

it.each`
  requests | windowMs   | count  | latencyMs | concurrency
  ${5}     | ${1000}    | ${12}  | ${0}      | ${1}
  ${5}     | ${1000}    | ${12}  | ${30}     | ${4}
  ${300}   | ${300_000} | ${650} | ${20}     | ${8}
  ${3}     | ${100}     | ${20}  | ${150}    | ${6}
`(
  'never lets more than $requests requests into any $windowMs ms window ($count requests, $concurrency at a time)',
  async ({
    requests,
    windowMs,
    count,
    latencyMs,
    concurrency,
  }: {
    requests: number;
    windowMs: number;
    count: number;
    latencyMs: number;
    concurrency: number;
  }) => {
    const { sent } = await run({ requests, windowMs }, count, latencyMs, concurrency);
    expect(sent).toHaveLength(count);
    for (let i = requests; i < sent.length; i++) {
      expect((sent[i] as number) - (sent[i - requests] as number)).toBeGreaterThan(windowMs);
    }
  },
);

it('sends the first window at once and then waits about one window per batch', async () => {
  const { sent } = await run({ requests: 300, windowMs: 5000 }, 600, 0, 8);
  expect(sent.slice(0, 300).every((t) => t === 0)).toBe(true);
  expect(sent[300]).toBeGreaterThan(5000);
  expect(sent[599]).toBeLessThan(5000 * 1.05);
});

it('holds every caller back after a 429 until the pause ends', async () => {
  const time = fakeTime(0);
  const limiter = createRateLimiter({ requests: 100, windowMs: 1000 }, time);
  (await limiter.acquire())();
  limiter.pauseUntil(7000);
  (await limiter.acquire())();
  expect(time.now()).toBe(7000);
  expect(time.slept).toEqual([7000]);
});

it('shares one limiter per host, whatever the case', () => {
  const registry = createLimiterRegistry({ requests: 1, windowMs: 1 }, fakeTime());
  expect(registry('Acme.HaloPSA.com')).toBe(registry('acme.halopsa.com'));
  expect(registry('acme.halopsa.com')).not.toBe(registry('other.halopsa.com'));
});

describe('a caller with a wait budget', () => {
  /** A limiter with `used` requests answered at `answeredAt` and the rest of its window free. */
  async function limiterWith(used: number, answeredAt: number, limit = { requests: 3, windowMs: 300_000 }) {
    const time = virtualTime(0);
    const limiter = createRateLimiter(limit, time);
    time.advance(answeredAt);
    for (let i = 0; i < used; i++) (await limiter.acquire())();
    return { time, limiter };
  }

  it.each`
    case                                          | used | answeredAt | at         | maxWaitMs | outcome
    ${'a free slot'}                              | ${2} | ${0}       | ${0}       | ${5000}   | ${'granted at 0'}
    ${'a slot freeing within the budget'}         | ${3} | ${0}       | ${297_000} | ${5000}   | ${'granted at 300600'}
    ${'a slot freeing after the budget'}          | ${3} | ${0}       | ${1000}    | ${5000}   | ${'refused, retry in 300 s'}
    ${'a budget of 0 and no free slot'}           | ${3} | ${0}       | ${299_000} | ${0}      | ${'refused, retry in 2 s'}
  `('$case: $outcome', async ({ used, answeredAt, at, maxWaitMs, outcome }: { used: number; answeredAt: number; at: number; maxWaitMs: number; outcome: string }) => {
    const { time, limiter } = await limiterWith(used, answeredAt);
    time.advance(at - time.now());
    const result = await limiter.acquire({ maxWaitMs }).then(
      () => `granted at ${time.now()}`,
      (error: { code: string; retryAfterSeconds: number }) => `refused, retry in ${error.retryAfterSeconds} s`,
    );
    expect(result).toBe(outcome);
  });

  it('is refused at once, without waiting, and its message says how many seconds to wait', async () => {
    const { time, limiter } = await limiterWith(3, 0);
    time.advance(60_000);
    const error = await rejectionOf(limiter.acquire({ maxWaitMs: 5000 }));
    expect(time.now()).toBe(60_000);
    expect(time.slept).toEqual([]);
    expect(error).toMatchObject({ code: 'halo_rate_limited', retryAfterSeconds: 241 });
    expect(error.message).toBe("HaloPSA's request limit for this HaloPSA instance is reached for now. Try again in 5 minutes.");
  });

  it('counts the callers queued ahead of it', async () => {
    // 3 per second, all used: slots free at 1002, the one after those three a window later
    const { time, limiter } = await limiterWith(3, 0, { requests: 3, windowMs: 1000 });
    const ahead = [1, 2, 3].map(() => limiter.acquire());
    await expect(limiter.acquire({ maxWaitMs: 1500 })).rejects.toMatchObject({ code: 'halo_rate_limited' });
    const patient = limiter.acquire();
    for (const slot of ahead) (await slot)();
    expect(time.now()).toBe(1005);
    (await patient)();
    expect(time.now()).toBeGreaterThan(2000);
  });

  it('leaves the queue when refused, so the callers behind it are not held back', async () => {
    const { time, limiter } = await limiterWith(3, 0, { requests: 3, windowMs: 1000 });
    const refused = limiter.acquire({ maxWaitMs: 10 });
    const next = limiter.acquire();
    await expect(refused).rejects.toMatchObject({ code: 'halo_rate_limited' });
    (await next)();
    expect(time.now()).toBe(1005);
  });

  it('is refused when a 429 pause ahead of it outlasts its budget, even while it waits', async () => {
    const { time, limiter } = await limiterWith(0, 0);
    const hold = [await limiter.acquire(), await limiter.acquire(), await limiter.acquire()];
    const waiting = limiter.acquire({ maxWaitMs: 5000 });
    // the answers arrive after 1 s, the window is 300 s: its slot comes after 301 s
    time.advance(1000);
    for (const release of hold) release();
    await expect(waiting).rejects.toMatchObject({ code: 'halo_rate_limited', retryAfterSeconds: 301 });
    const patient = limiter.acquire();
    limiter.pauseUntil(400_000);
    (await patient)();
    expect(time.now()).toBe(400_000);
  });

  it('waits as long as it takes without a budget', async () => {
    const { time, limiter } = await limiterWith(3, 0);
    (await limiter.acquire())();
    expect(time.now()).toBe(300_600);
  });
});

it.each`
  used | inFlight | count | at          | waitForMs
  ${0} | ${0}     | ${3}  | ${0}        | ${0}
  ${1} | ${0}     | ${2}  | ${0}        | ${0}
  ${1} | ${0}     | ${3}  | ${0}        | ${300_600}
  ${3} | ${0}     | ${1}  | ${100_000}  | ${200_600}
  ${3} | ${0}     | ${0}  | ${100_000}  | ${0}
  ${2} | ${1}     | ${1}  | ${0}        | ${300_600}
  ${1} | ${2}     | ${1}  | ${0}        | ${300_600}
`('waitForMs($count) with $used answered and $inFlight in flight at $at ms is $waitForMs', async ({ used, inFlight, count, at, waitForMs }: { used: number; inFlight: number; count: number; at: number; waitForMs: number }) => {
  const time = virtualTime(0);
  const limiter = createRateLimiter({ requests: 3, windowMs: 300_000 }, time);
  for (let i = 0; i < used; i++) (await limiter.acquire())();
  // granted and never released: still in flight
  for (let i = 0; i < inFlight; i++) await limiter.acquire();
  time.advance(at);
  expect(limiter.waitForMs(count)).toBe(waitForMs);
});
