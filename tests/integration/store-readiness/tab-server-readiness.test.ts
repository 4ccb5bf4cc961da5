import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import restify from 'restify';
import { FRAME_ANCESTORS, registerStaticTab } from '../../../server/static-tab';

/**
 * Store checklist items 17, 18, 69 on the server that hosts the tab: the pages the manifest
 * links to answer without sign-in, and every tab page may be framed by Teams and nobody else.
 */
describe('store checklist: the tab host', () => {
  let server: restify.Server;
  let url: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-tab-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Halo Import</title><div id="root"></div>');
    server = restify.createServer({ name: 'store-tab', handleUncaughtExceptions: false });
    registerStaticTab(server, { tabDir: dir });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(['/tab/about', '/tab/privacy', '/tab/terms'])('store#17 store#18 %s answers without any sign-in', async (path) => {
    const res = await fetch(`${url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<div id="root">');
  });

  it.each(['/tab/', '/tab/config', '/tab/about', '/tab/privacy', '/tab/terms'])(
    'store#69 %s may be framed by the Teams hosts (CSP frame-ancestors) and sends no X-Frame-Options',
    async (path) => {
      const res = await fetch(`${url}${path}`);
      expect(res.headers.get('x-frame-options')).toBeNull();
      const csp = res.headers.get('content-security-policy') ?? '';
      const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? [];
      expect(ancestors).toEqual(expect.arrayContaining(['https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft']));
      expect(ancestors).toEqual(FRAME_ANCESTORS);
      // no wildcard that would let any site frame the tab
      expect(ancestors.filter((a) => a === '*' || a === 'https:' || a === 'http:')).toEqual([]);
    },
  );
});
