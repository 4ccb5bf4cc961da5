import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { projectRoot } from '../../src/config';
import { startTabBrowserRig, type TabBrowserRig } from '../fixtures/tab/browser-rig';
import type { TestApp } from '../integration/api/app-harness';

const ROOT = projectRoot();
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

jest.setTimeout(180_000);

/**
 * The built tab in headless Chromium, framed by a Teams stand-in on the same origin, against the
 * real API, service, SQLite store and HaloPSA sandbox.
 */
describe('the tab in a browser, inside a Teams host stand-in', () => {
  let app: TestApp;
  let browser: Browser;
  let rig: TabBrowserRig;

  beforeAll(async () => {
    rig = await startTabBrowserRig(ARTIFACTS);
    ({ app, browser } = rig);
  });
  afterAll(async () => {
    await rig?.close();
  });


  async function openTab(query: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; tab: Frame }> {
    const page = await browser.newPage({ viewport });
    // only loopback: anything else (fonts, telemetry) is refused rather than dialled
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    await page.goto(`${app.url}/test-host?${query}`);
    const handle = await page.waitForSelector('#tab');
    const tab = (await handle.contentFrame()) as Frame;
    return { page, tab };
  }

  type Violation = { id: string; impact: string; help: string; nodes: string[] };
  /**
   * axe-core in the tab's frame; only serious and critical findings fail the test. Fluent's focus
   * manager (tabster) keeps aria-hidden focus sentinels (`<i data-tabster-dummy>`) that move focus
   * on at once; axe flags them as aria-hidden-focus, so they alone are left out of the check.
   */
  async function axe(tab: Frame): Promise<Violation[]> {
    await tab.evaluate(AXE);
    const violations = (await tab.evaluate(
      `axe.run({ include: [['body']], exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
    )) as Violation[];
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  type HostMessage = { func: string; args: unknown[] };
  const hostLog = async (page: Page) => (await page.evaluate('window.hostLog')) as HostMessage[];

  async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (ok(value) || Date.now() > until) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('connects HaloPSA, loads a group, shows red crosses with reasons, imports, and refreshes the grid', async () => {
    const { page, tab } = await openTab('frame=content&src=' + encodeURIComponent('/tab/?teamId=team-x'));
    await tab.getByText('Connect HaloPSA').waitFor();
    const log = (await hostLog(page)).map((m) => m.func);
    expect(log.slice(0, 2)).toEqual(['initialize', 'getContext']);
    expect(log).toContain('authentication.getAuthToken');
    expect(await tab.getByRole('navigation', { name: 'Where you are' }).innerText()).toMatch(/Contoso MSP[\s\S]*Team X/);

    await tab.getByLabel('Tenant ID').fill(app.sandbox.tenant);
    await tab.getByLabel('Client ID').fill(app.sandbox.clientId);
    await tab.getByLabel('Client Secret').fill(app.sandbox.clientSecret);
    await tab.getByLabel('HaloPSA Base URL').fill(app.sandbox.url);
    await tab.getByRole('button', { name: 'Save and verify' }).click();
    await tab.getByText(`Stored credentials for tenant ${app.sandbox.tenant}`).waitFor();
    expect(await tab.content()).not.toContain(app.sandbox.clientSecret);

    await tab.getByRole('button', { name: 'Load Groups' }).click();
    await tab.getByRole('combobox').click();
    await tab.getByRole('option', { name: 'Acme Corporation' }).click();
    await tab.getByRole('table', { name: 'HaloPSA users of this group' }).waitFor();
    const crosses = tab.locator('[role="img"][aria-label^="Cannot be imported: "]');
    await crosses.first().waitFor();
    expect(await crosses.count()).toBeGreaterThan(3);
    await tab.locator('[aria-label="Cannot be imported: Already a member of Team X"]').first().waitFor();
    expect(await tab.locator('[aria-disabled="true"] [role="checkbox"], [aria-disabled="true"] input[type="checkbox"]').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'tab-grid-light.png'), fullPage: true });
    expect(await axe(tab)).toEqual([]);

    const selectAll = tab.getByRole('button', { name: /^Select all \d+ importable$/ });
    const n = Number(/(\d+)/.exec(await selectAll.innerText())?.[1]);
    expect(n).toBeGreaterThan(0);
    await selectAll.click();
    await tab.getByRole('button', { name: `Import ${n} users` }).click();
    const dialog = tab.getByRole('dialog');
    await dialog.getByText(`Import ${n} users into Team X?`).waitFor();
    expect(await axe(tab)).toEqual([]);
    await dialog.getByRole('button', { name: `Import ${n} users` }).click();
    await tab.getByText(`Imported ${n} users, skipped 0, failed 0.`).waitFor();
    // the grid reloads: nobody is importable any more, the imported users are members now
    await tab.getByRole('button', { name: /^Select all 0 importable$/ }).waitFor();
    expect(await tab.locator('[aria-label="Cannot be imported: Already a member of Team X"]').count()).toBeGreaterThan(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'tab-result-light.png'), fullPage: true });

    for (const theme of ['dark', 'contrast'] as const) {
      await page.evaluate(`window.setTheme(${JSON.stringify(theme)})`);
      await tab.locator(`[data-theme="${theme}"]`).waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, `tab-result-${theme}.png`), fullPage: true });
      expect([theme, await axe(tab)]).toEqual([theme, []]);
    }
    await page.close();
  });

  it.each([320, 720, 1920])('has no horizontal scroll at %i px', async (width) => {
    const { page, tab } = await openTab('frame=content&src=' + encodeURIComponent('/tab/?teamId=team-x'), { width, height: 800 });
    await tab.getByRole('button', { name: /Load Groups|Change/ }).first().waitFor();
    const overflow = (await tab.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('config page: Save stays disabled until a Team is chosen, then sets a contentUrl for that Team', async () => {
    const { page, tab } = await openTab('frame=settings&theme=dark&src=' + encodeURIComponent('/tab/config'));
    await tab.getByText('Set up Halo Import for this channel').waitFor();
    const validity = async () => (await hostLog(page)).filter((m) => m.func === 'settings.setValidityState').map((m) => m.args[0]);
    await tab.getByRole('combobox').waitFor();
    expect(new Set(await validity())).toEqual(new Set([false]));
    await tab.getByRole('combobox').click();
    await tab.getByRole('option', { name: /^Team X/ }).click();
    expect((await eventually(validity, (v) => v.includes(true))).at(-1)).toBe(true);
    await page.evaluate('window.pressSave()');
    const funcs = async () => (await hostLog(page)).map((m) => m.func);
    expect(await eventually(funcs, (f) => f.includes('settings.save.success'))).toContain('settings.save.success');
    const settings = (await hostLog(page)).find((m) => m.func === 'settings.setSettings')?.args[0] as Record<string, string>;
    expect(settings).toMatchObject({ entityId: 'halo-import-team-x', contentUrl: `${app.url}/tab/?teamId=team-x`, websiteUrl: `${app.url}/tab/?teamId=team-x` });
    expect(settings.suggestedDisplayName).toMatch(/Team X/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'tab-config-dark.png') });
    expect(await axe(tab)).toEqual([]);
    await page.close();
  });

  it('outside Teams, a plain browser falls back to the demo sign-in instead of hanging', async () => {
    const page = await browser.newPage();
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    await page.goto(`${app.url}/tab/?as=carl`);
    await page.getByText(/Only your reseller \(MSP\) can import users from HaloPSA/).waitFor({ timeout: 15_000 });
    await page.close();
  });
});
