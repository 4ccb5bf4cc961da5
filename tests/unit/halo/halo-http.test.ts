import { backoffMs, retryAfterMs, scrub } from '../../../src/halo/halo-http';

const NOW = Date.parse('2026-12-03T12:00:00Z');

it.each`
  header                             | expected
  ${null}                            | ${undefined}
  ${''}                              | ${undefined}
  ${'7'}                             | ${7000}
  ${' 120 '}                         | ${120_000}
  ${'1.5'}                           | ${1500}
  ${'Thu, 03 Dec 2026 12:00:30 GMT'} | ${30_000}
  ${'Thu, 03 Dec 2026 11:00:00 GMT'} | ${0}
  ${'soon'}                          | ${undefined}
`(
  'Retry-After $header means $expected ms',
  ({ header, expected }: { header: string | null; expected: number | undefined }) => {
    expect(retryAfterMs(header, NOW)).toBe(expected);
  },
);

it.each`
  attempt | random | baseMs  | expected
  ${0}    | ${0}   | ${1000} | ${500}
  ${0}    | ${1}   | ${1000} | ${1000}
  ${3}    | ${0.5} | ${1000} | ${6000}
  ${0}    | ${0}   | ${5000} | ${2500}
  ${4}    | ${1}   | ${5000} | ${60_000}
  ${10}   | ${0}   | ${5000} | ${30_000}
`(
  'backoff attempt $attempt with jitter $random from $baseMs ms waits $expected ms',
  ({
    attempt,
    random,
    baseMs,
    expected,
  }: {
    attempt: number;
    random: number;
    baseMs: number;
    expected: number;
  }) => {
    expect(
      backoffMs(
        { random: () => random, backoff: { baseMs, maxMs: 60_000, rateLimitBaseMs: 5000 } },
        attempt,
        baseMs,
      ),
    ).toBe(expected);
  },
);

it('removes every secret from a text, and ignores values too short to be one', () => {
  expect(scrub('client_secret=s3cret-value&x=s3cret-value', ['s3cret-value', 'ab'])).toBe(
    'client_secret=[redacted]&x=[redacted]',
  );
});
