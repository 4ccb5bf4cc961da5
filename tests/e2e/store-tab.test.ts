import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { projectRoot } from '../../src/config';
import { startTabBrowserRig, type TabBrowserRig } from '../fixtures/tab/browser-rig';
import type { TestApp } from '../integration/api/app-harness';

const ROOT = projectRoot();
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'store-tab');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ADA = '11111111-1111-4111-8111-111111111111';
const RITA = '22222222-2222-4222-8222-222222222222';

jest.setTimeout(240_000);

type Violation = { id: string; impact: string; nodes: string[] };

/**
 * Store checklist items on the tab (2, 17, 18, 22, 68, 71–74, 77, 79) in headless Chromium,
 * framed by the Teams stand-in, against the real server. Screenshots in test-artifacts/store-tab/.
 */
describe('store checklist: the tab in a browser', () => {
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


  async function newPage(viewport = { width: 1280, height: 900 }, deviceScaleFactor = 1): Promise<Page> {
    const page = await browser.newPage({ viewport, deviceScaleFactor });
    // only loopback: anything else is refused rather than dialled
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    return page;
  }

  async function inHost(query: string, viewport?: { width: number; height: number }, deviceScaleFactor = 1): Promise<{ page: Page; tab: Frame }> {
    const page = await newPage(viewport, deviceScaleFactor);
    await page.goto(`${app.url}/test-host?${query}`);
    const tab = (await (await page.waitForSelector('#tab')).contentFrame()) as Frame;
    return { page, tab };
  }

  async function axe(frame: Frame | Page): Promise<Violation[]> {
    await frame.evaluate(AXE);
    const violations = (await frame.evaluate(
      `axe.run({ include: [['body']], exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
    )) as Violation[];
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  const overflow = async (frame: Frame | Page) => (await frame.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  const hostLog = async (page: Page) => (await page.evaluate('window.hostLog')) as { func: string; args: unknown[] }[];

  it.each([
    ['about', 'Halo Import: help and support', [/One-time setup: a reseller admin connects HaloPSA/, /support@/, /New to BrainStation\?/, /disconnect halo/]],
    ['privacy', 'Privacy statement', [/What we store/, /Retention and deletion/, /deletes the stored HaloPSA credentials/, /Security:/, /support@/]],
    ['terms', 'Terms of use', [/BrainStation/, /support@/]],
  ] as const)('store#17 store#18 store#22 /tab/%s reads without sign-in, says what it must and fits a phone', async (kind, title, needs) => {
    for (const width of [320, 1280]) {
      const page = await newPage({ width, height: 800 });
      const calls: string[] = [];
      page.on('request', (r) => calls.push(new URL(r.url()).pathname));
      await page.goto(`${app.url}/tab/${kind}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const text = await page.locator('main').innerText();
      for (const n of needs) expect(text).toMatch(n);
      expect(text).not.toMatch(/sign in|log in/i);
      // nothing behind sign-in was asked for
      expect(calls.filter((c) => c.startsWith('/api/') || c.startsWith('/dev-auth'))).toEqual([]);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `${kind}-${width}.png`), fullPage: true });
      await page.close();
    }
  });

  it('store#68 store#72 the config page initializes TeamsJS first, explains the value and the one-time setup, and links to help', async () => {
    const { page, tab } = await inHost('frame=settings&src=' + encodeURIComponent('/tab/config'));
    await tab.getByText('Set up Halo Import for this channel').waitFor();
    expect((await hostLog(page))[0]?.func).toBe('initialize');
    const text = await tab.locator('main').innerText();
    expect(text).toMatch(/brings a customer's HaloPSA users into their BrainStation Team/);
    expect(text).toMatch(/A reseller admin connects HaloPSA once/);
    expect(text).toMatch(/everyone in the channel then sees the same tab/);
    const help = tab.getByRole('link', { name: 'help and support' });
    expect(await help.getAttribute('href')).toBe('/tab/about');
    expect(await tab.locator('img').count()).toBe(0);
    await page.close();
  });

  it('store#71 store#72 a client admin gets a clear way forward on the config page and Save is never enabled', async () => {
    const { page, tab } = await inHost('frame=settings&oid=33333333-3333-4333-8333-333333333333&src=' + encodeURIComponent('/tab/config'));
    await tab.getByText('Only reseller admins can add this tab').waitFor();
    expect(await tab.locator('main').innerText()).toMatch(/Ask your reseller \(MSP\) to add Halo Import/);
    const validity = (await hostLog(page)).filter((m) => m.func === 'settings.setValidityState').map((m) => m.args[0]);
    expect(validity).not.toContain(true);
    await page.close();
  });

  it('store#71 Save pressed before a Team is chosen fails with a readable message, not silently', async () => {
    const { page, tab } = await inHost('frame=settings&src=' + encodeURIComponent('/tab/config'));
    await tab.getByRole('combobox').waitFor();
    await page.evaluate('window.pressSave()');
    const failure = async () => (await hostLog(page)).find((m) => m.func === 'settings.save.failure');
    const until = Date.now() + 5000;
    while (!(await failure()) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect((await failure())?.args).toEqual(['Choose a BrainStation Team first.']);
    expect((await hostLog(page)).map((m) => m.func)).not.toContain('settings.save.success');
    await page.close();
  });

  it.each(['default', 'dark', 'contrast'])('store#77 store#79 the config page follows the %s theme and has no serious axe finding', async (theme) => {
    const { page, tab } = await inHost(`frame=settings&theme=${theme}&src=` + encodeURIComponent('/tab/config'));
    await tab.getByRole('combobox').waitFor();
    await tab.locator(`[data-theme="${theme}"]`).waitFor();
    expect(await axe(tab)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, `config-${theme}.png`) });
    await page.close();
  });

  it.each([
    [1280, 'a 1280 px window at 200 % zoom'],
    [720, 'a 720 px Teams window at 200 % zoom'],
  ])('store#79 store#74 the content page fits %i px at 200 %% zoom (%s)', async (width) => {
    // 200 % zoom halves the CSS viewport and doubles the device pixels
    const { page, tab } = await inHost('frame=content&src=' + encodeURIComponent('/tab/?teamId=team-x'), { width: width / 2, height: 450 }, 2);
    await tab.getByRole('button', { name: /Load Groups|Change|Save and verify/ }).first().waitFor();
    expect(await overflow(tab)).toBeLessThanOrEqual(0);
    expect(await axe(tab)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, `content-zoom200-${width}.png`), fullPage: true });
    await page.close();
  });

  it('store#73 the channel tab shows every reseller admin the same content for the channel’s Team', async () => {
    const contents: string[] = [];
    for (const oid of [ADA, RITA]) {
      const { page, tab } = await inHost(`frame=content&oid=${oid}&src=` + encodeURIComponent('/tab/?teamId=team-x'));
      await tab.getByRole('navigation', { name: 'Where you are' }).waitFor();
      await tab.getByRole('button', { name: /Load Groups|Connect|Save and verify/ }).first().waitFor();
      await tab.getByText(/Loading/).waitFor({ state: 'detached' }).catch(() => undefined);
      contents.push(await tab.locator('main').innerText());
      await page.close();
    }
    // only the line naming who is signed in may differ; everything about the channel's Team is the same
    const signedIn = /^Signed in as [^(]+\(/m;
    expect(contents[0]).toMatch(/Signed in as Ada Admin/);
    expect(contents[0]).toMatch(/Team X/);
    expect(contents[1]!.replace(signedIn, 'Signed in as …(')).toBe(contents[0]!.replace(signedIn, 'Signed in as …('));
    expect(contents[0]).not.toMatch(/\bMy\b/);
  });

  it('store#2 the tab shows a loading message within 2 s when the API is slow', async () => {
    const page = await newPage();
    await page.route(/\/api\/v1\//, async (route) => {
      await new Promise((r) => setTimeout(r, 3000));
      await route.continue();
    });
    await page.goto(`${app.url}/test-host?frame=content&src=${encodeURIComponent('/tab/?teamId=team-x')}`);
    const tab = (await (await page.waitForSelector('#tab')).contentFrame()) as Frame;
    const started = Date.now();
    await tab.getByText(/Loading|Connecting to Microsoft Teams/).first().waitFor({ timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    await page.close();
  });
  it('store#75 an import is confirmed before it commits, and Cancel imports nobody', async () => {
    const { page, tab } = await inHost('frame=content&src=' + encodeURIComponent('/tab/?teamId=team-x'));
    await tab.getByLabel('Tenant ID').fill(app.sandbox.tenant);
    await tab.getByLabel('Client ID').fill(app.sandbox.clientId);
    await tab.getByLabel('Client Secret').fill(app.sandbox.clientSecret);
    await tab.getByLabel('HaloPSA Base URL').fill(app.sandbox.url);
    await tab.getByRole('button', { name: 'Save and verify' }).click();
    await tab.getByRole('button', { name: 'Load Groups' }).click();
    await tab.getByRole('combobox').click();
    await tab.getByRole('option', { name: 'Acme Corporation' }).click();
    const selectAll = tab.getByRole('button', { name: /^Select all \d+ importable$/ });
    await selectAll.waitFor();
    const n = Number(/(\d+)/.exec(await selectAll.innerText())?.[1]);
    expect(n).toBeGreaterThan(0);
    await selectAll.click();
    await tab.getByRole('button', { name: `Import ${n} users` }).click();
    const dialog = tab.getByRole('dialog');
    await dialog.getByText(`Import ${n} users into Team X?`).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    // nobody was imported: the same selection of importable users is still offered
    await tab.getByRole('button', { name: `Import ${n} users` }).waitFor();
    expect(await tab.getByText(/^Imported \d+ users/).count()).toBe(0);
    await page.close();
  });
});
