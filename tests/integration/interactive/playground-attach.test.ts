import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachOrStart, probeRunningApp } from '../../../scripts/playground';
import { loadConfig } from '../../../src/config';
import { createMemoryLogger } from '../../../src/logging';
import { startApp, type RunningApp } from '../../../server/start-app';

// `npm run playground` next to a running `npm start`: real apps (startApp, SQLite in memory) on
// 127.0.0.1 port 0, probed over HTTP; the playground process itself is not started here.

const KEY = Buffer.alloc(32, 5).toString('base64');
const running: { close(): Promise<void> }[] = [];

async function app(env: Record<string, string> = {}): Promise<RunningApp> {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', SECRET_KEY: KEY, PORT: '0', HALO_SANDBOX: 'false', BOT_ID: '', ...env });
  const started = await startApp({ config, logger: createMemoryLogger(), port: 0 });
  running.push(started);
  return started;
}

async function server(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  running.push({ close: () => new Promise<void>((resolve) => s.close(() => resolve())) });
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

/** A loopback port nothing listens on (bound, then released). */
async function freePort(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.close();
});

it('attaches to a running app with bot auth off and starts none of its own', async () => {
  const demo = await app();
  let starts = 0;
  const target = await attachOrStart(demo.url, async () => {
    starts++;
    return app();
  });
  expect(target).toEqual({ endpoint: `${demo.url}/api/messages`, attached: true, app: undefined });
  expect(starts).toBe(0);
});

it('starts its own app when nothing answers on the port', async () => {
  const url = await freePort();
  expect(await probeRunningApp(url)).toBe('none');
  let own: RunningApp | undefined;
  const target = await attachOrStart(url, async () => (own = await app()));
  expect(target.attached).toBe(false);
  expect(target.app).toBe(own);
  expect(target.endpoint).toBe(`${own?.url}/api/messages`);
});

it('refuses an app whose bot needs a Bot Framework token, and says how to fix it', async () => {
  const secured = await app({ BOT_ID: '00000000-0000-4000-8000-000000000001', BOT_PASSWORD: 'pw', BOT_TYPE: 'MultiTenant' });
  expect(await probeRunningApp(secured.url)).toBe('bot-auth-on');
  await expect(attachOrStart(secured.url, () => app())).rejects.toThrow(/bot authentication on \(BOT_ID is set\).*empty BOT_ID/);
});

// restify patches writeHead process-wide to return nothing: never chain it
it.each`
  what                        | status | body
  ${'a 404 on /healthz'}      | ${404} | ${''}
  ${'a 200 that is not ours'} | ${200} | ${'<html>'}
`('refuses to attach to something else on the port ($what)', async ({ status, body }: { status: number; body: string }) => {
  const url = await server((_req, res) => {
    res.statusCode = status;
    res.end(body);
  });
  expect(await probeRunningApp(url)).toBe('not-halo-import');
  await expect(attachOrStart(url, () => app())).rejects.toThrow(/Something other than Halo Import answers/);
});
