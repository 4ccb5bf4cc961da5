import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { buildPackage, checkManifest, formatProblems, type BuildResult } from '../../../scripts/package/index';
import { copyProject, ROOT } from './helpers';
import { readZip } from './zip-reader';

function expectBuilt(result: BuildResult): asserts result is Extract<BuildResult, { ok: true }> {
  if (!result.ok) throw new Error(formatProblems(result.problems));
}

describe('buildPackage for dev', () => {
  let root: string;
  let result: BuildResult;

  beforeAll(async () => {
    root = copyProject();
    result = await buildPackage({ rootDir: root, env: 'dev' });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes appPackage/build/appPackage.dev.zip', () => {
    expectBuilt(result);
    expect(result.zipPath).toBe(join(root, 'appPackage', 'build', 'appPackage.dev.zip'));
    expect(readFileSync(result.zipPath).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
  });

  it('store#26 holds exactly manifest.json and the two icons at the root, under 10 MB', () => {
    expectBuilt(result);
    const zip = readFileSync(result.zipPath);
    expect(readZip(zip).map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(zip.length).toBeLessThan(10 * 1024 * 1024);
  });

  it('store#23 the packaged manifest passes the bundled v1.24 schema and our rules', async () => {
    expectBuilt(result);
    const entry = readZip(readFileSync(result.zipPath)).find((e) => e.name === 'manifest.json');
    const manifest: unknown = JSON.parse(entry!.data.toString('utf8'));
    expect(await checkManifest(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      $schema: 'https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.schema.json',
      manifestVersion: '1.24',
    });
  });

  it('substitutes every ${{VAR}} from env/.env.dev', () => {
    expectBuilt(result);
    const env = readFileSync(join(root, 'env', '.env.dev'), 'utf8');
    const text = readZip(readFileSync(result.zipPath)).find((e) => e.name === 'manifest.json')!.data.toString('utf8');
    expect(text).not.toContain('${{');
    const value = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(env)![1]!;
    expect(result.manifest).toMatchObject({
      id: value('TEAMS_APP_ID'),
      bots: [{ botId: value('BOT_ID'), scopes: ['personal', 'team', 'groupChat'] }],
      configurableTabs: [{ configurationUrl: `${value('TAB_ENDPOINT')}/tab/config`, canUpdateConfiguration: true, scopes: ['team', 'groupChat'] }],
      validDomains: [value('TAB_DOMAIN')],
      webApplicationInfo: { id: value('AAD_APP_CLIENT_ID'), resource: `api://${value('TAB_DOMAIN')}/${value('AAD_APP_CLIENT_ID')}` },
      developer: { privacyUrl: `${value('TAB_ENDPOINT')}/tab/privacy`, termsOfUseUrl: `${value('TAB_ENDPOINT')}/tab/terms` },
    });
    expect(result.manifest.staticTabs).toContainEqual(expect.objectContaining({ contentUrl: `${value('TAB_ENDPOINT')}/tab/`, scopes: ['personal'] }));
  });

  it('store#34 declares the import command and help in every scope, status and disconnect in personal', () => {
    expectBuilt(result);
    const lists = (result.manifest.bots as Array<{ commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>)[0]!.commandLists;
    const titles = (scope: string) => lists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
    expect(titles('personal')).toEqual(['import halo users to', 'status', 'disconnect halo', 'help']);
    expect(titles('team')).toEqual(['import halo users to', 'help']);
    expect(titles('groupChat')).toEqual(['import halo users to', 'help']);
  });

  it('packs the committed icons byte for byte and keeps a copy of the resolved manifest', () => {
    expectBuilt(result);
    const entries = readZip(readFileSync(result.zipPath));
    for (const name of ['color.png', 'outline.png']) {
      expect(entries.find((e) => e.name === name)!.data.equals(readFileSync(join(ROOT, 'appPackage', name)))).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(root, 'appPackage', 'build', 'manifest.dev.json'), 'utf8'))).toEqual(result.manifest);
  });

  it('gives the same bytes when built twice (fixed zip dates)', async () => {
    expectBuilt(result);
    const first = readFileSync(result.zipPath);
    const again = await buildPackage({ rootDir: root, env: 'dev' });
    expectBuilt(again);
    expect(readFileSync(again.zipPath).equals(first)).toBe(true);
  });
});

describe('buildPackage refuses a broken project with readable problems', () => {
  let root: string;
  beforeEach(() => {
    root = copyProject();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const edit = (relative: string, change: (text: string) => string) => {
    const path = join(root, relative);
    writeFileSync(path, change(readFileSync(path, 'utf8')));
  };

  it.each([
    {
      case: 'a missing colour icon file',
      breakIt: () => unlinkSync(join(root, 'appPackage', 'color.png')),
      where: 'appPackage/color.png',
      what: /missing/,
    },
    {
      case: 'a variable the env file lacks',
      breakIt: () => edit('env/.env.dev', (t) => t.replace(/^BOT_ID=.*$/m, '')),
      where: 'appPackage/manifest.json line',
      what: /BOT_ID is not set in env\/\.env\.dev/,
    },
    {
      case: 'an empty variable',
      breakIt: () => edit('env/.env.dev', (t) => t.replace(/^TAB_DOMAIN=.*$/m, 'TAB_DOMAIN=')),
      where: '${{TAB_DOMAIN}}',
      what: /TAB_DOMAIN is empty/,
    },
    {
      case: 'a bad bot scope',
      breakIt: () => edit('appPackage/manifest.json', (t) => t.replace('"scopes": ["personal", "team", "groupChat"]', '"scopes": ["personal", "team", "groupchat"]')),
      where: 'manifest.json /bots/0/scopes/2',
      what: /allowed values/,
    },
    {
      case: 'a URL outside validDomains',
      breakIt: () => edit('appPackage/manifest.json', (t) => t.replace('${{TAB_ENDPOINT}}/tab/terms', 'https://terms.elsewhere.example/terms')),
      where: 'manifest.json /developer/termsOfUseUrl',
      what: /not in validDomains/,
    },
    {
      case: 'a non-GUID app id',
      breakIt: () => edit('env/.env.dev', (t) => t.replace(/^TEAMS_APP_ID=.*$/m, 'TEAMS_APP_ID=halo-import')),
      where: 'manifest.json /id',
      what: /not a GUID/,
    },
    {
      case: 'invalid JSON',
      breakIt: () => edit('appPackage/manifest.json', (t) => t.replace(/("version": "[^"]+"),/, '$1')),
      where: 'appPackage/manifest.json',
      what: /not valid JSON/,
    },
  ])('$case', async ({ breakIt, where, what }) => {
    breakIt();
    const result = await buildPackage({ rootDir: root, env: 'dev' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(expect.objectContaining({ where: expect.stringContaining(where), what: expect.stringMatching(what), fix: expect.any(String) }));
    expect(formatProblems(result.problems)).toMatch(/^The Teams app package was not built \(\d+ problems?\):\n1\. .+\n {3}what: .+\n {3}fix: {2}.+/);
    expect(() => readFileSync(join(root, 'appPackage', 'build', 'appPackage.dev.zip'))).toThrow();
  });

  it('names the missing environment file', async () => {
    const result = await buildPackage({ rootDir: root, env: 'staging' });
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ where: 'env/.env.staging', what: expect.stringContaining('"staging"') })] });
  });

  it.each(['../dev', 'Dev', ''])('refuses the environment name %j', async (env) => {
    const result = await buildPackage({ rootDir: root, env });
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ where: '--env' })] });
  });

  it('reads secrets-side overrides from env/.env.<env>.user', async () => {
    writeFileSync(join(root, 'env', '.env.dev.user'), 'TAB_DOMAIN=halo.contoso.example\nTAB_ENDPOINT="https://halo.contoso.example"\n');
    const result = await buildPackage({ rootDir: root, env: 'dev' });
    expectBuilt(result);
    expect(result.manifest.validDomains).toEqual(['halo.contoso.example']);
  });

  it('store#28 refuses an outline icon with coloured pixels', async () => {
    const outline = join(root, 'appPackage', 'outline.png');
    const png = PNG.sync.read(readFileSync(outline));
    png.data.set([255, 0, 0, 255], (16 * 32 + 16) * 4);
    writeFileSync(outline, PNG.sync.write(png));
    const result = await buildPackage({ rootDir: root, env: 'dev' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ where: 'appPackage/outline.png pixel (16,16) is rgba(255,0,0,255)' })]);
  });
});
