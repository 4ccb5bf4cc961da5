/**
 * `npm run playground`: the Microsoft 365 Agents Playground, a Teams-like chat client in the
 * browser, on the bot of the app already running on PORT (`npm start` in another terminal), or
 * on an app of its own (SQLite in memory, demo seed, HaloPSA sandbox, bot auth off) when none
 * answers there. Offline.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { loadConfig, readOrCreateDevKey } from '../src/config';
import { createJsonLogger } from '../src/logging';
import { startApp, type RunningApp } from '../server/start-app';

/** A running Agents Playground process. */
export interface Playground {
  readonly url: string;
  readonly process: ChildProcess;
  close(): Promise<void>;
}

export interface PlaygroundOptions {
  /** the bot endpoint, e.g. http://127.0.0.1:3978/api/messages */
  readonly appEndpoint: string;
  /** default 56150; the playground falls back to a random port when taken */
  readonly port?: number;
  /** the playground's config file (default .m365agentsplayground.yml of the project) */
  readonly configPath?: string;
  /** where its log goes (default devTools/m365agentsplayground.log) */
  readonly logFile?: string;
  readonly readyTimeoutMs?: number;
}

const ROOT = path.resolve(__dirname, '..');

/**
 * Starts the Agents Playground against a bot endpoint and waits until its backend answers
 * (a bad config file leaves the page up but the backend unmounted: that is reported here).
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const port = options.port ?? 56150;
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const logFile = options.logFile ?? path.join(ROOT, 'devTools', 'm365agentsplayground.log');
  const child = spawn(
    process.execPath,
    [cli, 'start', '--port', String(port), '--app-endpoint', options.appEndpoint, '--channel-id', 'msteams', '--disable-telemetry'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath ?? path.join(ROOT, '.m365agentsplayground.yml'),
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const url = await waitForBackend(child, () => output, port, options.readyTimeoutMs ?? 30_000);
    return { url, process: child, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function waitForBackend(child: ChildProcess, output: () => string, port: number, timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new PlaygroundError(`the Agents Playground exited: ${output().slice(-2000)}`);
    // it may move to another port when the asked one is taken: read it from what it prints
    const printed = /Listening on\s+(?:http:\/\/)?[^\s:]*:(\d+)/i.exec(output()) ?? /localhost:(\d+)/.exec(output());
    const actual = printed ? Number(printed[1]) : port;
    const url = `http://127.0.0.1:${actual}`;
    try {
      const res = await fetch(`${url}/_internal/v1/config`);
      if (res.ok) return url;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      throw new PlaygroundError(`the Agents Playground backend did not answer within ${timeoutMs} ms (check devTools/m365agentsplayground.log): ${output().slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The playground could not start; scripts only (src/ uses AppError). */
class PlaygroundError extends Error {
  override readonly name = 'PlaygroundError';
}

/** What answers at an app address: nothing, Halo Import with bot auth off, or with it on. */
export type RunningAppProbe = 'none' | 'attachable' | 'bot-auth-on' | 'not-halo-import';

/**
 * Asks `baseUrl` (loopback) whether a Halo Import app runs there (`GET /healthz`) and whether its
 * bot takes activities without a Bot Framework token, as the playground sends them: a `typing`
 * activity, which the bot ignores, is answered 200 with auth off and 401 with it on.
 */
export async function probeRunningApp(baseUrl: string, timeoutMs = 2000): Promise<RunningAppProbe> {
  let health: Response;
  try {
    health = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return 'none';
  }
  const body = (await health.json().catch(() => undefined)) as { status?: unknown } | undefined;
  if (health.status !== 200 || body?.status !== 'ok') return 'not-halo-import';
  const bot = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'typing' }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  await bot.arrayBuffer();
  return bot.status === 401 || bot.status === 403 ? 'bot-auth-on' : 'attachable';
}

/** The bot endpoint the playground talks to, and the app this script started (if it had to). */
export interface BotTarget {
  readonly endpoint: string;
  readonly attached: boolean;
  readonly app: RunningApp | undefined;
}

/**
 * Attaches to the app answering at `baseUrl`, or calls `start` when nothing answers there. An
 * app there with bot auth on, or something else on the port, is an error that says what to do.
 */
export async function attachOrStart(baseUrl: string, start: () => Promise<RunningApp>): Promise<BotTarget> {
  const probe = await probeRunningApp(baseUrl);
  if (probe === 'attachable') return { endpoint: `${baseUrl}/api/messages`, attached: true, app: undefined };
  if (probe === 'bot-auth-on') {
    throw new PlaygroundError(
      `The app at ${baseUrl} has bot authentication on (BOT_ID is set), and the Agents Playground sends no Bot Framework token. Restart it with an empty BOT_ID (npm start's demo has one), or run the playground alone on another PORT.`,
    );
  }
  if (probe === 'not-halo-import') {
    throw new PlaygroundError(`Something other than Halo Import answers at ${baseUrl}. Stop it, or set PORT to where Halo Import runs (or to a free port).`);
  }
  const app = await start();
  return { endpoint: `${app.url}/api/messages`, attached: false, app };
}

async function main(): Promise<void> {
  const logger = createJsonLogger({ level: 'warn' });
  const port = Number(process.env.PORT ?? 3978);
  const target = await attachOrStart(`http://127.0.0.1:${port}`, () => startOwnApp(logger, port));
  const playground = await startPlayground({
    appEndpoint: target.endpoint,
    port: Number(process.env.PLAYGROUND_PORT ?? 56150),
  });
  const appUrl = target.endpoint.replace(/\/api\/messages$/, '');
  const lines = [
    '',
    target.attached
      ? `Attached to the Halo Import app already running at ${appUrl} (its bot endpoint ${target.endpoint}). Ctrl+C here stops only the playground.`
      : `Halo Import is running at ${appUrl} (started by the playground: nothing answered on port ${port})`,
    `Chat with the bot in the Agents Playground: ${playground.url.replace('127.0.0.1', 'localhost')}`,
    'You are Ada Admin (reseller admin of Contoso MSP). Type: import halo users to Team X',
  ];
  const sandbox = target.app?.sandbox;
  if (sandbox) {
    lines.push(
      'HaloPSA sandbox credentials for the credentials card:',
      `  Tenant ID: ${sandbox.tenant}   Client ID: ${sandbox.clientId}   Client Secret: ${sandbox.clientSecret}`,
      `  HaloPSA Base URL: ${sandbox.url}`,
    );
  } else if (target.attached) {
    lines.push('HaloPSA sandbox credentials: the ones the running app printed when it started.');
  }
  lines.push('Press Ctrl+C to stop.', '');
  process.stdout.write(lines.join('\n'));

  const stop = () => {
    void Promise.all([playground.close(), target.app?.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The playground's own app: SQLite in memory, demo seed, HaloPSA sandbox, bot auth off. */
async function startOwnApp(logger: ReturnType<typeof createJsonLogger>, port: number): Promise<RunningApp> {
  const config = loadConfig(
    {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL ?? 'sqlite::memory:',
      HALO_SANDBOX: 'true',
      // the playground sends no Bot Framework token: bot auth must be off (refused in production)
      BOT_ID: '',
      BOT_PASSWORD: '',
    },
    { readOrCreateDevKey },
  );
  return startApp({ config, logger, port, host: '127.0.0.1' });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
