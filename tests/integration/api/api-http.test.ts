import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { loadConfig } from '../../../src/config';
import { createMemoryLogger } from '../../../src/logging';
import { registerApi } from '../../../server/api-routes';
import { claims, makeKey, serveKeySet, sign, TEST_CLIENT_ID, TEST_ISSUER } from '../../fixtures/auth/test-key-set';
import { FakeService, HALO_SECRET, IDS } from '../../unit/api/fake-service';

const SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

async function listen(server: restify.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the API over HTTP (restify, AUTH_MODE=entra, key set on loopback)', () => {
  const key = makeKey('kid-1');
  const stranger = makeKey('kid-1');
  let keySet: Awaited<ReturnType<typeof serveKeySet>>;
  let server: restify.Server;
  let url: string;
  let tabDir: string;
  const logger = createMemoryLogger();
  const service = new FakeService();

  beforeAll(async () => {
    keySet = await serveKeySet([key]);
    tabDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tab-'));
    fs.mkdirSync(path.join(tabDir, 'assets'));
    fs.writeFileSync(path.join(tabDir, 'index.html'), '<!doctype html><title>tab</title>');
    fs.writeFileSync(path.join(tabDir, 'assets', 'app-1234.js'), 'console.log(1)');
    const config = loadConfig({
      SECRET_KEY,
      DATABASE_URL: 'sqlite::memory:',
      AUTH_MODE: 'entra',
      AUTH_CLIENT_ID: TEST_CLIENT_ID,
      AUTH_ISSUER: TEST_ISSUER,
      AUTH_JWKS_URL: keySet.url,
    });
    server = restify.createServer({ handleUncaughtExceptions: false });
    registerApi(server, { config, service, logger, clock: Date.now, tabDir });
    url = await listen(server);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await keySet.close();
    fs.rmSync(tabDir, { recursive: true, force: true });
  });

  const token = (overrides: Record<string, unknown> = {}) => sign(key, claims(overrides));
  const call = (p: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${url}${p}`, {
      ...init,
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string>) },
    });

  it.each([
    ['no token', undefined],
    ['an expired token', () => token({ exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['a wrong audience', () => token({ aud: 'api://other-app' })],
    ['a wrong issuer', () => token({ iss: 'https://login.evil.example/x/v2.0' })],
    ['a bad signature', () => sign(stranger, claims())],
    ['no scp', () => token({ scp: undefined })],
  ] as [string, (() => string) | undefined][])('401 for %s, in the error shape', async (_l, make) => {
    const res = await call('/api/v1/me', { token: make?.() });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.stringMatching(/sign/) } });
  });

  it('fetched the key set over HTTP once for all of that', async () => {
    await call('/api/v1/me', { token: token() });
    expect(keySet.fetches()).toBe(1);
  });

  it('runs the API journey: me, teams, connection, groups, preview, import, members', async () => {
    const ada = token();
    expect(await (await call('/api/v1/me', { token: ada })).json()).toMatchObject({ user: { role: 'reseller_admin' } });
    expect(((await (await call('/api/v1/teams', { token: ada })).json()) as { teams: { id: string }[] }).teams.map((t: { id: string }) => t.id)).toEqual(['team-x']);
    const put = await call('/api/v1/halo/connection', { method: 'PUT', token: ada, body: JSON.stringify({ tenantId: 'demo', clientId: 'halo-import-demo', clientSecret: HALO_SECRET }) });
    expect(put.status).toBe(200);
    const groups = await (await call('/api/v1/halo/groups', { token: ada })).json();
    expect(groups).toEqual({ groups: [{ id: 12, name: 'Acme Corporation' }] });
    const preview = await call('/api/v1/teams/team-x/preview?groupId=12', { token: ada });
    expect(preview.status).toBe(200);
    const imp = await call('/api/v1/teams/team-x/imports', { method: 'POST', token: ada, body: JSON.stringify({ groupId: 12, haloUserIds: [501] }), headers: { 'Idempotency-Key': 'http-1' } });
    expect(imp.status).toBe(201);
    expect((await call('/api/v1/teams/team-x/members', { token: ada })).status).toBe(200);
    const bodies = await Promise.all(
      ['/api/v1/halo/connection', '/api/v1/me', '/api/v1/teams', '/api/v1/teams/team-x/imports'].map(async (p) => (await call(p, { token: ada })).text()),
    );
    for (const b of [...bodies, await put.clone().text()]) expect(b).not.toContain(HALO_SECRET);
    expect(logger.lines.join('\n')).not.toContain(HALO_SECRET);
  });

  it('403 for a client admin on connection and import endpoints', async () => {
    const carl = token({ oid: IDS.carl });
    for (const [method, p] of [
      ['GET', '/api/v1/halo/connection'],
      ['PUT', '/api/v1/halo/connection'],
      ['DELETE', '/api/v1/halo/connection'],
      ['GET', '/api/v1/halo/groups'],
      ['POST', '/api/v1/teams/team-x/imports'],
    ] as const) {
      const res = await call(p, { method, token: carl, body: method === 'GET' ? undefined : '{}', headers: { 'idempotency-key': 'c' } });
      expect([p, res.status]).toEqual([p, 403]);
    }
  });

  it("404 for another reseller's Team", async () => {
    const res = await call('/api/v1/teams/team-nw/preview?groupId=12', { token: token() });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });

  it('400 for an unparsable body and without Idempotency-Key; 413 over 1 MiB', async () => {
    const ada = token();
    const bad = await call('/api/v1/teams/team-x/imports', { method: 'POST', token: ada, body: '{"groupId":', headers: { 'idempotency-key': 'x' } });
    expect(bad.status).toBe(400);
    const noKey = await call('/api/v1/teams/team-x/imports', { method: 'POST', token: ada, body: JSON.stringify({ groupId: 12, haloUserIds: [501] }) });
    expect(noKey.status).toBe(400);
    expect((await errorOf(noKey)).code).toBe('idempotency_key_missing');
    const big = JSON.stringify({ groupId: 12, haloUserIds: Array.from({ length: 200_000 }, (_, i) => i + 1) });
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const tooBig = await call('/api/v1/teams/team-x/imports', { method: 'POST', token: ada, body: big, headers: { 'idempotency-key': 'big' } });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
  });

  it('answers unknown API routes and methods with 404 in the error shape', async () => {
    for (const [method, p] of [['GET', '/api/v1/nothing'], ['PATCH', '/api/v1/me'], ['GET', '/api/v1']] as const) {
      const res = await call(p, { method, token: token() });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('route_not_found');
    }
  });

  it('refuses the dev sign-in when AUTH_MODE=entra', async () => {
    const res = await call('/dev-auth/token', { method: 'POST', body: JSON.stringify({ oid: IDS.ada }) });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('route_not_found');
  });

  describe('static tab', () => {
    it.each(['/tab/', '/tab/config', '/tab/privacy', '/tab/terms'])('serves %s as the app with a frame-ancestors CSP for Teams', async (p) => {
      const res = await fetch(`${url}${p}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>tab</title>');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
      for (const host of ['https://*.teams.microsoft.com', 'https://*.cloud.microsoft', 'https://*.skype.com', 'https://*.office.com']) expect(csp).toContain(host);
      expect(res.headers.get('x-frame-options')).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-cache');
    });

    it('serves hashed assets with long caching, and refuses paths outside the build', async () => {
      const asset = await fetch(`${url}/tab/assets/app-1234.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${url}/tab/assets/missing.js`)).status).toBe(404);
      expect((await fetch(`${url}/tab/..%2f..%2fpackage.json`)).status).toBe(404);
    });
  });
});

describe('the dev sign-in (AUTH_MODE=dev)', () => {
  let server: restify.Server;
  let url: string;
  beforeAll(async () => {
    const config = loadConfig({ SECRET_KEY, DATABASE_URL: 'sqlite::memory:', AUTH_MODE: 'dev' });
    server = restify.createServer({ handleUncaughtExceptions: false });
    registerApi(server, { config, service: new FakeService(), logger: createMemoryLogger(), clock: Date.now });
    url = await listen(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const signIn = (body: unknown) =>
    fetch(`${url}/dev-auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('hands out a token for a known identity that the API then accepts', async () => {
    const res = await signIn({ oid: IDS.carl });
    expect(res.status).toBe(200);
    const { token, name } = (await res.json()) as { token: string; name: string };
    expect(name).toBe('Carl Client');
    const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ user: { name: 'Carl Client', role: 'client_admin' } });
  });

  it('publishes the key set and refuses unknown identities and bad bodies', async () => {
    const keys = (await (await fetch(`${url}/dev-auth/keys`)).json()) as { keys: { kty: string; d?: string }[] };
    expect(keys.keys[0]?.kty).toBe('RSA');
    expect(keys.keys[0]?.d).toBeUndefined();
    expect((await signIn({ oid: IDS.uma })).status).toBe(403);
    expect((await signIn({})).status).toBe(400);
  });
});
