import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../../src/config';
import { cardGallery } from '../fixtures/store/card-gallery';
import { cardRenderPage } from '../fixtures/store/card-render-page';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(projectRoot(), 'test-artifacts', 'store-cards');

jest.setTimeout(180_000);

type Fit = { scrollWidth: number; clientWidth: number; widest: number; clipped: string[]; height: number };

/**
 * Store checklist items 50 and 61: every card the bot sends, rendered by the real Adaptive Cards
 * renderer in headless Chromium at phone (320 px) and desktop (1280 px) width, never scrolls
 * sideways and clips no text. Screenshots land in test-artifacts/store-cards/.
 */
describe('store checklist: cards rendered in a browser', () => {
  let browser: Browser;
  const pages = new Map<number, Page>();
  const gallery = cardGallery();

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const width of [320, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.route(/.*/, (route) => route.abort());
      await page.setContent(cardRenderPage({ phone: width < 480 }));
      pages.set(width, page);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  const cases = [320, 1280].flatMap((width) => gallery.map(([name, card]) => [width, name, card] as const));

  it.each(cases)('store#61 store#50 at %i px, "%s" wraps without horizontal scroll or clipped text', async (width, name, card) => {
    const page = pages.get(width)!;
    const fit = (await page.evaluate(`window.renderCard(${JSON.stringify(JSON.stringify(card))})`)) as Fit;
    const file = `${width}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
    await page.locator('#card').screenshot({ path: path.join(ARTIFACTS, file) });
    expect(fit.height).toBeGreaterThan(20);
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
    expect(fit.widest).toBeLessThanOrEqual(width);
    expect(fit.clipped).toEqual([]);
  });

  it('store#61 the check can fail: a card with a 600 px wide column overflows at 320 px', async () => {
    const page = pages.get(320)!;
    const wide = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'ColumnSet', columns: [{ type: 'Column', width: '600px', items: [{ type: 'TextBlock', text: 'wide' }] }] }] };
    const fit = (await page.evaluate(`window.renderCard(${JSON.stringify(JSON.stringify(wide))})`)) as Fit;
    expect(fit.widest > 320 || fit.scrollWidth > fit.clientWidth).toBe(true);
  });
});
