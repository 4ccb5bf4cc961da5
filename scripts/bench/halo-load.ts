/**
 * HaloPSA load benchmarks (spec §8), against the sandbox over real loopback HTTP:
 *  - the 5,000-user group with 20 ms added per request: sequential paging vs concurrent paging,
 *    measured in the same run, and their ratio;
 *  - the 50,000-user group under Halo's limit scaled to 300 requests per 5 s: zero 429s, and the
 *    time compared with the least the limit allows.
 * Run alone with `npx tsx scripts/bench/halo-load.ts`.
 * @module
 */
import { createHaloClient } from '../../src/halo';
import {
  createSandboxData,
  SANDBOX_GROUPS,
  startHaloSandbox,
  type HaloSandbox,
} from '../../src/halo/sandbox';
import type { HaloConnectionParams } from '../../src/service';
import { type BenchResult, runStandalone } from './bench-result';

const CONCURRENCY = 8;

function connectionOf(sandbox: HaloSandbox): HaloConnectionParams {
  return {
    tenantId: sandbox.tenant,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    baseUrl: sandbox.url,
  };
}

/** Loads one group with a fresh client whose token is already minted; returns ms. */
async function timeLoad(
  sandbox: HaloSandbox,
  groupId: number,
  expected: number,
  options: Parameters<typeof createHaloClient>[0],
): Promise<number> {
  const halo = createHaloClient({ allowPrivateUrls: true, ...options });
  const connection = connectionOf(sandbox);
  await halo.verify(connection);
  const started = performance.now();
  const users = await halo.listUsers(connection, groupId);
  const ms = performance.now() - started;
  if (users.length !== expected) throw new Error(`expected ${expected} users, got ${users.length}`);
  return ms;
}

async function fiveThousand(): Promise<BenchResult[]> {
  // Halo's real limit (300 per 5 min) stays on: both loads together stay well under it
  const sandbox = await startHaloSandbox({ latencyMs: 20 });
  try {
    await timeLoad(sandbox, SANDBOX_GROUPS.fabrikam, 24, {}); // warms sockets and the JIT
    const sequential = await timeLoad(sandbox, SANDBOX_GROUPS.globex, 5000, { concurrency: 1 });
    const concurrent = await timeLoad(sandbox, SANDBOX_GROUPS.globex, 5000, {
      concurrency: CONCURRENCY,
    });
    const rateLimited = sandbox.stats.rateLimited;
    return [
      {
        name: 'halo: load 5,000 users, sequential paging (20 ms/request)',
        value: sequential,
        unit: 'ms',
      },
      {
        name: `halo: load 5,000 users, concurrent paging x${CONCURRENCY} (20 ms/request)`,
        value: concurrent,
        unit: 'ms',
        target: 500,
        kind: 'max',
      },
      {
        name: 'halo: concurrent vs sequential paging, same run',
        value: sequential / concurrent,
        unit: 'ratio',
        target: 4,
        kind: 'min',
      },
      {
        name: 'halo: 429s served while loading 5,000 users',
        value: rateLimited,
        unit: 'count',
        target: 0,
        kind: 'max',
      },
    ];
  } finally {
    await sandbox.close();
  }
}

async function fiftyThousand(): Promise<BenchResult[]> {
  const limit = { requests: 300, windowMs: 5000 };
  const data = createSandboxData({ bigGroup: true });
  // Unthrottled first, to know what the machine itself needs for the 500 pages (the sandbox
  // shares this process and its CPU, so that time is not zero and belongs in the bound).
  const free = await startHaloSandbox({ data, rateLimit: false });
  let freeMs: number;
  try {
    freeMs = await timeLoad(free, SANDBOX_GROUPS.massive, 50_000, {
      rateLimit: { requests: 1_000_000, windowMs: 1000 },
      concurrency: CONCURRENCY,
    });
  } finally {
    await free.close();
  }
  const sandbox = await startHaloSandbox({ data, rateLimit: limit });
  try {
    const halo = createHaloClient({
      allowPrivateUrls: true,
      rateLimit: limit,
      concurrency: CONCURRENCY,
    });
    const started = performance.now();
    const users = await halo.listUsers(connectionOf(sandbox), SANDBOX_GROUPS.massive);
    const ms = performance.now() - started;
    if (users.length !== 50_000) throw new Error(`expected 50,000 users, got ${users.length}`);
    // The least time the limit allows: the first `limit` requests go at once, each later one
    // waits until its counterpart one window earlier has left the window, and then still
    // needs its share of the unthrottled time.
    const n = sandbox.stats.requests;
    const allowedMs =
      Math.floor((n - 1) / limit.requests) * limit.windowMs +
      (freeMs * Math.max(0, n - limit.requests)) / n;
    return [
      { name: 'halo: load 50,000 users, no rate limit (reference)', value: freeMs, unit: 'ms' },
      {
        name: 'halo: load 50,000 users under 300 requests / 5 s',
        value: ms,
        unit: 'ms',
        note: `${n} requests; the limit allows no less than ${Math.round(allowedMs)} ms`,
      },
      {
        name: 'halo: 50,000 users, time vs what the limit allows',
        value: ms / allowedMs,
        unit: 'ratio',
        target: 1.1,
        kind: 'max',
      },
      {
        name: 'halo: 429s served while loading 50,000 users',
        value: sandbox.stats.rateLimited,
        unit: 'count',
        target: 0,
        kind: 'max',
      },
    ];
  } finally {
    await sandbox.close();
  }
}

/** Runs the HaloPSA benchmarks. */
export async function run(): Promise<BenchResult[]> {
  return [...(await fiveThousand()), ...(await fiftyThousand())];
}

if (require.main === module) {
  runStandalone(run);
}
