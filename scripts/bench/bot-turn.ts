/**
 * Bot turn latency (spec §8: p95 <= 100 ms at 50 concurrent conversations, sandbox latency
 * excluded). The real composition root (startApp: SQLite file, demo seed, bot auth off) runs
 * alone in a child process (see memory.ts `spawnServer`); this process holds the load generator
 * and the HaloPSA sandbox at 0 ms latency. 50 conversations at once each walk the journey over
 * POST /api/messages with no think time between turns: two message turns ("import halo users
 * to …", "status") and four card actions (loadUsers, page 2, requestImport, cancelImport),
 * several rounds, after a warm-up round. A turn's time is the HTTP round trip of one activity
 * (expectReplies / invoke). One conversation alone gives the per-turn service time for reference.
 * Run alone with `npx tsx scripts/bench/bot-turn.ts`.
 * @module
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SANDBOX_GROUPS, startHaloSandbox } from '../../src/halo/sandbox';
import { type BenchResult, runStandalone } from './bench-result';
import { spawnServer } from './memory';

const CONVERSATIONS = 50;
const ROUNDS = 4;
const PACED_ROUNDS = 2;
const TENANT = 'a1b2c3d4-0000-4000-8000-000000000001';
const ADA = { id: '29:ada', name: 'Ada Admin', aadObjectId: '11111111-1111-4111-8111-111111111111' };
const BOT = { id: '28:halo-import-bot', name: 'Halo Import' };
// Contoso's three Teams, so the conversations do not all queue on one Team's rows
const TEAMS = [
  { id: 'team-x', name: 'Team X' },
  { id: 'team-acme', name: 'Acme Corporation' },
  { id: 'team-fabrikam', name: 'Fabrikam Retail' },
] as const;

type Kind = 'message' | 'action';

/** A Bot Connector stand-in: the bot may send typing or updates there; answers every call. */
async function startConnector(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs the bot turn benchmark. */
export async function run(): Promise<BenchResult[]> {
  const sandbox = await startHaloSandbox({ latencyMs: 0, rateLimit: false });
  // the limit is Halo's, not what is measured here: 50 conversations would exhaust 300 / 5 min
  const app = await spawnServer({ HALO_RATE_LIMIT_REQUESTS: '60000', HALO_RATE_LIMIT_WINDOW_SECONDS: '1' });
  const connector = await startConnector();
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONVERSATIONS });

  const post = (activity: object): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(activity);
      const req = http.request(
        `${app.url}/api/messages`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  const base = (conversationId: string) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: ADA,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  });
  const say = (c: string, text: string) => ({ ...base(c), type: 'message', deliveryMode: 'expectReplies', text });
  const press = (c: string, verb: string, data: Record<string, unknown>) => ({
    ...base(c),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: `card-${randomUUID()}`,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });

  let samples: Record<Kind, number[]> = { message: [], action: [] };
  let bySteps = new Map<string, number[]>();
  let failures = 0;
  // a turn starts after the user's think time (0 when the load is back to back)
  let think: () => Promise<void> = async () => {};
  const timed = async (kind: Kind, step: string, activity: object, record: boolean): Promise<string> => {
    await think();
    const started = performance.now();
    const res = await post(activity);
    const ms = performance.now() - started;
    if (res.status !== 200) failures++;
    if (record) {
      samples[kind].push(ms);
      bySteps.set(step, [...(bySteps.get(step) ?? []), ms]);
    }
    return res.body;
  };

  /** One conversation's journey: import command, users, page 2, approval, cancel, status. */
  const journey = async (n: number, record: boolean): Promise<void> => {
    const conversation = `a:bench-${n}`;
    const team = TEAMS[n % TEAMS.length]!;
    await timed('message', 'import command', say(conversation, `import halo users to ${team.name}`), record);
    await timed('action', 'loadUsers', press(conversation, 'halo.loadUsers', { teamId: team.id, groupId: String(SANDBOX_GROUPS.acme) }), record);
    await timed('action', 'page', press(conversation, 'halo.page', { teamId: team.id, groupId: SANDBOX_GROUPS.acme, page: 2 }), record);
    const approval = await timed('action', 'requestImport', press(conversation, 'halo.requestImport', { teamId: team.id, groupId: SANDBOX_GROUPS.acme, page: 1, userIds: '502,510' }), record);
    const draftId = /"verb":"halo\.cancelImport","data":\{"draftId":"([^"]+)"/.exec(approval)?.[1];
    if (draftId) await timed('action', 'cancelImport', press(conversation, 'halo.cancelImport', { draftId }), record);
    else failures++;
    await timed('message', 'status', say(conversation, 'status'), record);
  };

  /** All conversations at once for `rounds` journeys each; returns the sorted samples and rate. */
  const phase = async (rounds: number) => {
    samples = { message: [], action: [] };
    bySteps = new Map();
    failures = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONVERSATIONS }, async (_, n) => {
        for (let r = 0; r < rounds; r++) await journey(n, true);
      }),
    );
    const wallMs = performance.now() - started;
    const sort = (a: number[]) => [...a].sort((x, y) => x - y);
    const all = sort([...samples.message, ...samples.action]);
    const steps = [...bySteps].map(([step, ms]) => `${step} ${percentile(sort(ms), 95).toFixed(0)}`).join(', ');
    return { all, steps, messages: sort(samples.message), actions: sort(samples.action), perSecond: all.length / (wallMs / 1000), failed: failures };
  };

  try {
    // connect HaloPSA once (through the bot, as an admin would), then warm up every path
    await post(press('a:bench-setup', 'halo.saveCredentials', {
      tenantId: sandbox.tenant,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      baseUrl: sandbox.url,
    }));
    await Promise.all(Array.from({ length: CONVERSATIONS }, (_, n) => journey(n, false)));
    // one conversation alone: the service time of a turn, without queueing
    samples = { message: [], action: [] };
    for (let r = 0; r < 5; r++) await journey(0, true);
    const alone = [...samples.message, ...samples.action].sort((a, b) => a - b);

    const requestsBefore = sandbox.stats.requests;
    const flat = await phase(ROUNDS);
    const haloRequests = sandbox.stats.requests - requestsBefore;

    // people read a card before pressing the next button: 0.5 to 1.5 s (seeded, so runs compare)
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    think = () => new Promise((resolve) => setTimeout(resolve, 500 + random() * 1000));
    const paced = await phase(PACED_ROUNDS);

    const p = (a: readonly number[], q: number) => percentile(a, q);
    const failed = flat.failed + paced.failed;
    return [
      { name: 'bot turn, one conversation alone (service time) p50', value: p(alone, 50), unit: 'ms', note: `p95 ${p(alone, 95).toFixed(1)} ms` },
      {
        name: 'bot turn p50, 50 conversations back to back (no think time)',
        value: p(flat.all, 50),
        unit: 'ms',
        note: `${flat.all.length} turns at ${Math.round(flat.perSecond)} turns/s (the server's capacity), ${haloRequests} HaloPSA requests`,
      },
      { name: 'bot turn p95, 50 conversations back to back (no think time)', value: p(flat.all, 95), unit: 'ms', target: 100, kind: 'max', note: `p95 ms per step: ${flat.steps}` },
      {
        name: 'bot turn p50, 50 conversations paced (0.5-1.5 s think time)',
        value: p(paced.all, 50),
        unit: 'ms',
        note: `${paced.all.length} turns at ${Math.round(paced.perSecond)} turns/s`,
      },
      { name: 'bot turn p95, 50 conversations paced (0.5-1.5 s think time)', value: p(paced.all, 95), unit: 'ms', target: 100, kind: 'max', note: `p95 ms per step: ${paced.steps}` },
      { name: 'bot turns that failed', value: failed, unit: 'count', target: 0, kind: 'max' },
    ];
  } finally {
    agent.destroy();
    await connector.close();
    await app.close();
    await sandbox.close();
  }
}

if (require.main === module) {
  runStandalone(run);
}
