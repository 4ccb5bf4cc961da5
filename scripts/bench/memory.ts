/**
 * Server memory during a 50,000-user preview (spec §8: <= 300 MB RSS). The server runs alone in
 * a child process (so neither this process nor the HaloPSA sandbox counts): the real composition
 * root on SQLite with the demo seed, talking to the sandbox (in this process) that holds Massive
 * Dynamic's 50,000 users. The figure is the child's peak RSS as the OS counted it
 * (`process.resourceUsage().maxRSS`), so a short spike between samples cannot be missed.
 * The child runs JavaScript transpiled once per run (as `npm start` runs the tsc build), not
 * under tsx, whose loader alone adds some 30-60 MB that production never pays.
 * Run alone with `npx tsx scripts/bench/memory.ts`.
 *
 * Also exports {@link spawnServer}, which the other server benchmarks use to measure a server
 * that does not share its event loop with the load generator or the sandbox.
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../../server/start-app';
import { loadConfig, projectRoot } from '../../src/config';
import { SANDBOX_GROUPS, startHaloSandbox } from '../../src/halo/sandbox';
import { silentLogger } from '../../src/logging';
import { type BenchResult, runStandalone } from './bench-result';

const MB = 1024 * 1024;
const ADA = '11111111-1111-4111-8111-111111111111';

/** What the server child reports about itself. */
export interface ServerStats {
  /** current resident set size, bytes */
  readonly rss: number;
  /** the most the OS ever counted for the process, bytes */
  readonly maxRss: number;
  readonly heapUsed: number;
}

/** A server started by {@link spawnServer}. */
export interface ServerChild {
  readonly url: string;
  stats(): Promise<ServerStats>;
  close(): Promise<void>;
}

type ToChild = { type: 'stats' } | { type: 'close' };
type FromChild = { type: 'ready'; url: string } | { type: 'stats'; stats: ServerStats } | { type: 'failed'; message: string };

// inside node_modules so the transpiled files resolve packages and find the project root
const COMPILED = path.join(projectRoot(), 'node_modules', '.cache', 'halo-import-bench');
let compiledEntry: string | undefined;

/**
 * Transpiles the server's sources (src, server, bot, scripts/bench) to CommonJS once per run,
 * with the project's compiler options, and returns this file's compiled path.
 */
async function compileServer(): Promise<string> {
  if (compiledEntry) return compiledEntry;
  // loaded here, not at the top: the server child runs this file too and must not carry the compiler
  const { default: ts } = await import('typescript');
  const root = projectRoot();
  fs.rmSync(COMPILED, { recursive: true, force: true });
  const compilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    isolatedModules: true,
  };
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(full);
      return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
    });
  for (const dir of ['src', 'server', 'bot', path.join('scripts', 'bench')]) {
    for (const file of walk(path.join(root, dir))) {
      const out = path.join(COMPILED, path.relative(root, file)).replace(/\.ts$/, '.js');
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions, fileName: file }).outputText);
    }
  }
  compiledEntry = path.join(COMPILED, 'scripts', 'bench', 'memory.js');
  return compiledEntry;
}

/**
 * Starts the app (startApp on 127.0.0.1:0) in a child process running the transpiled sources,
 * with `env` merged over defaults (SQLite in a temp dir, the demo seed, dev sign-in, no sandbox).
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerChild> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-server-'));
  const profileDir = process.env.BENCH_SERVER_CPU_PROFILE_DIR;
  const child: ChildProcess = fork(await compileServer(), ['--server-child'], {
    // BENCH_SERVER_CPU_PROFILE_DIR=<dir> writes a .cpuprofile of the server (for the plans in docs/benchmarks.md)
    execArgv: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${path.join(dataDir, 'bench.db')}`,
      SECRET_KEY: Buffer.alloc(32, 2).toString('base64'),
      HALO_SANDBOX: 'false',
      HALO_ALLOW_PRIVATE_URLS: 'true',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = <T extends FromChild['type']>(type: T): Promise<Extract<FromChild, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: FromChild) => {
        if (m.type === 'failed') reject(new Error(`server child failed: ${m.message}`));
        else if (m.type === type) resolve(m as Extract<FromChild, { type: T }>);
        else return;
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onExit = (code: number | null) => reject(new Error(`server child exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const send = (m: ToChild) => child.send(m);
  const { url } = await next('ready');
  return {
    url,
    async stats() {
      const answer = next('stats');
      send({ type: 'stats' });
      return (await answer).stats;
    },
    async close() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      send({ type: 'close' });
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The child side: start the app from the environment, answer stats, close on request. */
async function serverChild(): Promise<void> {
  const reply = (m: FromChild) => process.send?.(m);
  try {
    const config = loadConfig(process.env);
    const app = await startApp({ config, logger: silentLogger, port: 0 });
    process.on('message', (m: ToChild) => {
      if (m.type === 'stats') {
        const usage = process.memoryUsage();
        // maxRSS is in kilobytes
        reply({ type: 'stats', stats: { rss: usage.rss, maxRss: process.resourceUsage().maxRSS * 1024, heapUsed: usage.heapUsed } });
      } else if (m.type === 'close') {
        void app.close().then(() => process.exit(0));
      }
    });
    reply({ type: 'ready', url: app.url });
  } catch (error) {
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}

/** Signs in as the demo's reseller admin (AUTH_MODE=dev) and returns a bearer header. */
export async function signInAda(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/dev-auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ oid: ADA }) });
  if (res.status !== 200) throw new Error(`dev sign-in answered ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

/** Stores the sandbox as the HaloPSA connection of Contoso, through the API. */
export async function connectHalo(url: string, auth: Record<string, string>, halo: { tenant: string; clientId: string; clientSecret: string; url: string }): Promise<void> {
  const res = await fetch(`${url}/api/v1/halo/connection`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId: halo.tenant, clientId: halo.clientId, clientSecret: halo.clientSecret, baseUrl: halo.url }),
  });
  if (res.status !== 200) throw new Error(`connecting HaloPSA answered ${res.status}: ${await res.text()}`);
}

/** Runs the memory benchmark. */
export async function run(): Promise<BenchResult[]> {
  const sandbox = await startHaloSandbox({ bigGroup: true, rateLimit: false });
  const server = await spawnServer({ HALO_RATE_LIMIT_REQUESTS: '60000', HALO_RATE_LIMIT_WINDOW_SECONDS: '1' });
  try {
    const auth = await signInAda(server.url);
    await connectHalo(server.url, auth, sandbox);
    const idle = await server.stats();
    const preview = async () => {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/v1/teams/team-acme/preview?groupId=${SANDBOX_GROUPS.massive}`, { headers: auth });
      const body = (await res.json()) as { users?: unknown[] };
      if (res.status !== 200 || body.users?.length !== 50_000) throw new Error(`preview answered ${res.status} with ${body.users?.length} users`);
      return performance.now() - started;
    };
    const coldMs = await preview();
    const afterCold = await server.stats();
    // two admins previewing the same big group at once, from the warm cache
    await Promise.all([preview(), preview()]);
    const after = await server.stats();
    return [
      { name: 'server RSS idle (seeded, connected)', value: idle.rss / MB, unit: 'MB' },
      {
        name: 'server peak RSS during a 50,000-user preview',
        value: afterCold.maxRss / MB,
        unit: 'MB',
        target: 300,
        kind: 'max',
        note: `cold preview (HaloPSA fetch of 500 pages included) took ${Math.round(coldMs)} ms`,
      },
      {
        name: 'server peak RSS after two more concurrent 50,000-user previews',
        value: after.maxRss / MB,
        unit: 'MB',
        target: 300,
        kind: 'max',
        note: `RSS now ${Math.round(after.rss / MB)} MB, heap ${Math.round(after.heapUsed / MB)} MB`,
      },
    ];
  } finally {
    await server.close();
    await sandbox.close();
  }
}

if (process.argv.includes('--server-child')) {
  void serverChild();
} else if (require.main === module) {
  runStandalone(run);
}
