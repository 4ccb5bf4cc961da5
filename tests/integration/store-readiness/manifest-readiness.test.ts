import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_NAME } from '../../../bot/cards';
import { parseCommand } from '../../../bot/commands';
import { checkManifest } from '../../../scripts/package/index';
import { resolvedDevManifest } from '../../unit/package/helpers';
import { type LockedRelease, canonicalJson, manifestLockProblems, sha256 } from '../../fixtures/store/store-checks';

/**
 * Store checklist items on the app manifest that tests/unit/package does not already cover
 * (it covers 15, 16, 23–28, 30–35 rule by rule on broken copies; here: the committed manifest).
 */
const ROOT = join(__dirname, '..', '..', '..');
const template = JSON.parse(readFileSync(join(ROOT, 'appPackage', 'manifest.json'), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(join(ROOT, 'appPackage', 'manifest.lock.json'), 'utf8')) as { releases: LockedRelease[] };

interface Manifest {
  version: string;
  name: { short: string; full: string };
  description: { short: string; full: string };
  developer: Record<string, string>;
  bots: { scopes: string[]; supportsFiles?: boolean; isNotificationOnly?: boolean; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  staticTabs: { entityId: string; name?: string; contentUrl?: string; showLoadingIndicator?: boolean }[];
  configurableTabs: { scopes: string[] }[];
  validDomains: string[];
  localizationInfo?: unknown;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('store checklist: the committed manifest', () => {
  it('store#23 store#25 store#30 store#31 the dev manifest, resolved, passes the schema and every store rule with no dev hosts allowed', async () => {
    expect(await checkManifest(resolvedDevManifest())).toEqual([]);
  });

  it('store#15 names: short ≤ 30 characters and the manifest name is the name the bot uses', () => {
    expect(template.name.short.length).toBeLessThanOrEqual(30);
    expect(template.name.short).toBe(APP_NAME);
    for (const n of [template.name.short, template.name.full]) {
      expect(n).not.toMatch(/\b(teams|microsoft|ms|msft|beta|dev|preview|uat)\b/i);
      expect(n).not.toMatch(/^(chat|contacts|calendar|calls|files|activity|teams|help)\b/i);
    }
  });

  it('store#16 the short description is one sentence without the word "app"; the long one ≤ 500 words and says "Microsoft Teams" first', () => {
    const { short, full } = template.description;
    expect(short.trim().split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBe(1);
    expect(short).not.toMatch(/\bapps?\b/i);
    expect(full.split(/\s+/).length).toBeLessThanOrEqual(500);
    expect(full.slice(0, full.indexOf('Teams') + 'Teams'.length)).toMatch(/Microsoft Teams$/);
    expect(`${short} ${full}`).not.toMatch(/\b(MS|MSFT)\b|appsource|best|leading|#1|fastest/i);
  });

  it.each([
    ['store#7 a way forward for new users', /New to BrainStation\?.*account manager/s],
    ['store#8 the one-time admin setup', /a reseller admin must connect HaloPSA first/i],
    ['store#14 the dependencies and limits', /Requirements and limits: you need a BrainStation reseller account, and a HaloPSA API application/],
    ['store#6 how to disconnect', /"disconnect halo" removes the stored connection/],
  ])('%s is in the long description', (_what, pattern) => {
    expect(template.description.full).toMatch(pattern);
  });

  it('store#24 the manifest content is a recorded release under its own, ever-increasing version', () => {
    expect(manifestLockProblems(template, lock.releases)).toEqual([]);
  });

  it.each([
    ['a change without a version bump', { ...template, accentColor: '#000000' }, /changed since release \d+\.\d+\.\d+: raise "version"/],
    ['a version reused for other content', { ...template, version: '0.9.0' }, /changed since release/],
  ])('store#24 the version check refuses %s', (_case, manifest, what) => {
    expect(manifestLockProblems(manifest, lock.releases).join('\n')).toMatch(what);
  });

  it('store#24 the version check refuses releases out of order, and accepts a bumped, recorded change', () => {
    const changed = { ...template, version: '99.0.0', accentColor: '#000000' };
    const releases = [...lock.releases, { version: '99.0.0', sha256: sha256(canonicalJson(changed)) }];
    expect(manifestLockProblems(changed, releases)).toEqual([]);
    expect(manifestLockProblems(changed, [...releases].reverse()).join('\n')).toMatch(/does not come after/);
  });

  it('store#34 store#53 commands: ≤ 12 per list, short titles, no slash, unique, described, and every one is understood by the bot', () => {
    const lists = template.bots[0]!.commandLists;
    expect(lists.length).toBeLessThanOrEqual(3);
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(12);
      const titles = list.commands.map((c) => c.title.toLowerCase());
      expect(new Set(titles).size).toBe(titles.length);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.title).not.toMatch(/^\//);
        expect(c.description.trim().length).toBeGreaterThan(10);
        expect([c.title, parseCommand(c.title).kind]).not.toEqual([c.title, 'unknown']);
      }
    }
    const personal = lists.find((l) => l.scopes.includes('personal'))!.commands.map((c) => c.title);
    expect(personal).toEqual(expect.arrayContaining(['help', 'disconnect halo']));
  });

  it('store#35 store#36 the bot is conversational and declares no file flows', () => {
    expect(template.bots[0]!.isNotificationOnly ?? false).toBe(false);
    expect(template.bots[0]!.supportsFiles ?? false).toBe(false);
  });

  it('store#10 no code sends or asks for files (no file consent cards, no attachments but cards)', () => {
    for (const file of [...sourceFiles(join(ROOT, 'bot')), ...sourceFiles(join(ROOT, 'tab', 'src'))]) {
      const text = readFileSync(file, 'utf8');
      expect([file, /FileConsentCard|fileConsent|application\/vnd\.microsoft\.teams\.card\.file|download=/.test(text)]).toEqual([file, false]);
    }
  });

  it('store#31 no OAuthCard is used, so token.botframework.com is not needed in validDomains', () => {
    for (const file of sourceFiles(join(ROOT, 'bot'))) expect([file, /OAuthCard|OAuthPrompt/.test(readFileSync(file, 'utf8'))]).toEqual([file, false]);
    expect(template.validDomains).toEqual(['${{TAB_DOMAIN}}']);
  });

  it('store#38 the app is not localized: no localizationInfo, so no language files to keep in step', () => {
    expect(template.localizationInfo).toBeUndefined();
  });

  it('store#40 no tab sets showLoadingIndicator without the tab calling app.notifySuccess()', () => {
    const signals = readFileSync(join(ROOT, 'tab', 'src', 'hooks', 'teams-host.ts'), 'utf8').includes('app.notifySuccess()');
    for (const t of template.staticTabs) if (t.showLoadingIndicator) expect(signals).toBe(true);
    expect(signals).toBe(true);
  });

  it('store#11 store#5 no advertising, pricing or upsell text in the listing', () => {
    expect(JSON.stringify(template)).not.toMatch(/\b(price|pricing|buy|purchase|upgrade|free trial|premium|discount|\$\d)/i);
  });

  it('store#30 the developer links are the app’s own about, privacy and terms pages', () => {
    expect(template.developer).toMatchObject({
      websiteUrl: '${{TAB_ENDPOINT}}/tab/about',
      privacyUrl: '${{TAB_ENDPOINT}}/tab/privacy',
      termsOfUseUrl: '${{TAB_ENDPOINT}}/tab/terms',
    });
    expect(template.developer.name!.length).toBeLessThanOrEqual(32);
  });

  it('store#78 a personal Help tab sits beside the personal bot and opens the served about page', () => {
    expect(template.bots[0]?.scopes).toContain('personal');
    const help = template.staticTabs.find((t) => t.entityId === 'help');
    expect(help).toMatchObject({ name: 'Help', contentUrl: '${{TAB_ENDPOINT}}/tab/about' });
    expect(template.staticTabs.map((t) => t.entityId)).toEqual(['conversations', 'halo-import', 'help', 'about']);
  });

  it('store#48 the bot never reads the team roster or channel messages to push 1:1 messages', () => {
    for (const file of sourceFiles(join(ROOT, 'bot'))) {
      expect([file, /getPagedMembers|getMembers|getPagedTeamMembers|getTeamMembers|getConversationMembers/.test(readFileSync(file, 'utf8'))]).toEqual([file, false]);
    }
  });

  it('store#80 the tab never keeps the SSO token in web storage', () => {
    for (const file of sourceFiles(join(ROOT, 'tab', 'src'))) {
      expect([file, /localStorage|sessionStorage|indexedDB/.test(readFileSync(file, 'utf8'))]).toEqual([file, false]);
    }
  });
});
