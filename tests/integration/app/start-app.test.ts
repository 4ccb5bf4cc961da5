import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { createMemoryLogger } from '../../../src/logging';
import { startApp, type RunningApp } from '../../../server/start-app';

const KEY = Buffer.alloc(32, 3).toString('base64');

describe('startApp (the composition root)', () => {
  let app: RunningApp;
  let dir: string;
  const logger = createMemoryLogger();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'halo-app-'));
    const config = loadConfig({
      DATA_DIR: dir,
      DATABASE_URL: `sqlite:${path.join(dir, 'app.db')}`,
      SECRET_KEY: KEY,
      PORT: '0',
      HALO_SANDBOX: 'true',
    });
    app = await startApp({ config, logger, port: 0 });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers health and readiness once the database answers and the seed is applied', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await app.store.teams.get('team-x')).toMatchObject({ name: 'Team X', maxUsers: 500 });
  });

  it('starts the HaloPSA sandbox on loopback with the demo credentials', async () => {
    expect(app.sandbox?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.sandbox).toMatchObject({ tenant: 'demo', clientId: 'halo-import-demo' });
    const info = await fetch(`${app.sandbox?.url}/api/authinfo`);
    expect(info.status).toBe(200);
  });

  it('mounts the API, the tab and the bot endpoint on the one server', async () => {
    const me = await fetch(`${app.url}/api/v1/me`);
    expect(me.status).toBe(401);
    expect(await me.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await fetch(`${app.url}/tab/`)).status).toBe(200);
    const bot = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(bot.status).toBeGreaterThanOrEqual(400);
  });

  it('applies the demo seed idempotently on a restart over the same database', async () => {
    const before = await app.store.accounts.count();
    const again = await startApp({
      config: loadConfig({
        DATA_DIR: dir,
        DATABASE_URL: `sqlite:${path.join(dir, 'app.db')}`,
        SECRET_KEY: KEY,
        HALO_SANDBOX: 'false',
      }),
      logger,
      port: 0,
    });
    try {
      expect(await again.store.accounts.count()).toBe(before);
      expect(again.sandbox).toBeUndefined();
    } finally {
      await again.close();
    }
  });
});
