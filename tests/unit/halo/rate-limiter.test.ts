import { createLimiterRegistry, createRateLimiter } from '../../../src/halo/rate-limiter';
import { fakeTime } from '../../fixtures/halo/halo-test-kit';

// A virtual clock: waits cost no real time, and every grant is stamped with when it happened.

async function run(
  limit: { requests: number; windowMs: number },
  count: number,
  latencyMs: number,
  concurrency: number,
) {
  const time = fakeTime(0);
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
