import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { type Playground, startPlayground } from '../../scripts/playground';
import { SANDBOX_GROUPS } from '../../src/halo/sandbox';
import { randomBytes } from 'node:crypto';
import { type RunningApp, startApp } from '../../server/start-app';
import { loadConfig } from '../../src/config';
import type { HaloSandbox } from '../../src/halo/sandbox';
import { createMemoryLogger } from '../../src/logging';
import { DEMO_TENANT, USERS } from '../fixtures/bot/bot-client';
import { connectPlayground, freePort } from '../fixtures/bot/playground-client';
import { cardProblems, cardText, executeActions, inputs } from '../fixtures/bot/validate-card';

jest.setTimeout(180_000);

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');

/**
 * The bot behind the Microsoft 365 Agents Playground (pinned 0.2.28): once through the
 * playground's own API and WebSocket, once through its web UI in headless Chromium.
 */
describe('the bot in the Microsoft 365 Agents Playground', () => {
  let app: RunningApp;
  let sandbox: HaloSandbox;
  let playground: Playground;
  let browser: Browser | undefined;
  const logger = createMemoryLogger();

  beforeAll(async () => {
    const config = loadConfig({
      DATABASE_URL: 'sqlite::memory:',
      SECRET_KEY: randomBytes(32).toString('base64'),
      HALO_SANDBOX: 'true',
      SEED_FILE: 'scripts/seeds/demo.json',
    });
    app = await startApp({ config, logger, port: 0 });
    sandbox = app.sandbox!;
    playground = await startPlayground({
      appEndpoint: `${app.url}/api/messages`,
      port: await freePort(),
      logFile: path.join(ARTIFACTS, 'm365agentsplayground.log'),
    });
  });
  afterAll(async () => {
    await browser?.close();
    await playground?.close();
    await app?.close();
  });

  async function importedInto(teamId: string) {
    const ada = await app.service.resolveCaller({ entraTenantId: DEMO_TENANT, entraObjectId: USERS.ada.aadObjectId });
    return (await app.service.listMembers(ada, teamId)).filter((m) => m.source === 'halo-import');
  }

  it('runs the journey through the playground API: credentials, groups, users, approve, result', async () => {
    const pg = await connectPlayground(playground.url);
    try {
      const first = await pg.say('import halo users to Team X');
      const credentials = first.attachments![0]!.content;
      expect(cardProblems(credentials)).toEqual([]);
      expect(inputs(credentials).get('clientSecret')).toMatchObject({ style: 'Password' });

      const groups = await pg.press(first.messageId, 'halo.saveCredentials', {
        teamId: 'team-x',
        tenantId: sandbox.tenant,
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        baseUrl: sandbox.url,
      });
      expect(cardText(groups)).toContain('Contoso MSP › Team X');
      const users = await pg.press(first.messageId, 'halo.loadUsers', { teamId: 'team-x', groupId: String(SANDBOX_GROUPS.acme) });
      expect(cardText(users)).toContain('Already a member of Team X');
      const selection = String(inputs(users).get('userIds')!.value);
      const approval = await pg.press(first.messageId, 'halo.requestImport', { teamId: 'team-x', groupId: SANDBOX_GROUPS.acme, page: 1, userIds: selection });
      const approve = executeActions(approval).find((a) => a.verb === 'halo.approveImport')!;
      const result = await pg.press(first.messageId, approve.verb, approve.data);
      const n = selection.split(',').length;
      expect(cardText(result)).toContain(`Imported ${n} user`);
      expect(await importedInto('team-x')).toHaveLength(n);

      // leave the connection as the UI run needs it: not stored
      const confirm = await pg.press(first.messageId, 'halo.confirmDisconnect', {});
      expect(cardText(confirm)).toContain('disconnected');
    } finally {
      pg.close();
    }
  });

  it('runs the journey through the playground web UI in headless Chromium', async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // offline: the UI's fonts and telemetry live on CDNs; only loopback may be reached
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.abort());
    await page.goto(playground.url);
    await page.click('[aria-label="Personal Chat"]');
    const box = page.locator('[data-lexical-editor="true"][role="textbox"]');
    await box.click();
    await box.type('import halo users to Acme');
    await page.keyboard.press('Enter');

    await page.getByText('Connect HaloPSA').last().waitFor();
    await page.getByLabel('Tenant ID', { exact: false }).last().fill(sandbox.tenant);
    await page.getByLabel('Client ID').last().fill(sandbox.clientId);
    await page.getByLabel('Client Secret').last().fill(sandbox.clientSecret);
    await page.getByLabel('HaloPSA Base URL', { exact: false }).last().fill(sandbox.url);
    await page.getByRole('button', { name: 'Verify and save' }).last().click();

    await page.getByText('Using stored HaloPSA credentials').last().waitFor();
    const customer = page.getByRole('combobox').last();
    await customer.click();
    await customer.fill('Fabrik');
    await page.getByRole('option', { name: 'Fabrikam Retail' }).click();
    await page.getByRole('button', { name: 'Show users' }).last().click();

    await page.getByText('Fabrikam Retail: 24 users').last().waitFor();
    await page.getByRole('button', { name: 'Import selected' }).last().click();
    await page.getByText('Import 24 users into Acme Corporation from Fabrikam Retail?').last().waitFor();
    await page.getByRole('button', { name: 'Approve and import 24' }).last().click();
    await page.getByText('Imported 24 users into Acme Corporation').last().waitFor();

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'bot-playground-journey.png'), fullPage: true });
    expect(await importedInto('team-acme')).toHaveLength(24);
    expect(await page.content()).not.toContain(sandbox.clientSecret);
    expect(logger.lines.join('\n')).not.toContain(sandbox.clientSecret);
  });
});
