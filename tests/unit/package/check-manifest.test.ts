import { checkManifest, hostMatchesDomain, type PackageProblem } from '../../../scripts/package/index';
import { resolvedDevManifest, setAt } from './helpers';

const TAB = 'https://halo-import-dev.example.com';

/** A broken manifest: the dev manifest with `changes` applied (pointer -> value, undefined deletes). */
function broken(changes: Record<string, unknown>): Record<string, unknown> {
  const manifest = resolvedDevManifest();
  for (const [pointer, value] of Object.entries(changes)) setAt(manifest, pointer, value);
  return manifest;
}

function expectProblem(problems: readonly PackageProblem[], where: string, what: RegExp): void {
  expect(problems).toContainEqual({ where: `manifest.json ${where}`, what: expect.stringMatching(what), fix: expect.stringMatching(/\w/) });
}

describe('checkManifest', () => {
  it('accepts the committed manifest resolved for dev', async () => {
    expect(await checkManifest(resolvedDevManifest())).toEqual([]);
  });

  it.each([
    // schema (ajv over the bundled v1.24 schema)
    { item: 'store#23', case: 'a lower-case groupchat bot scope', changes: { '/bots/0/scopes/2': 'groupchat' }, where: '/bots/0/scopes/2', what: /allowed values/ },
    { item: 'store#23', case: 'a configurable tab in personal scope', changes: { '/configurableTabs/0/scopes': ['personal'] }, where: '/configurableTabs/0/scopes/0', what: /allowed values/ },
    { item: 'store#23', case: 'a missing accentColor', changes: { '/accentColor': undefined }, where: '/', what: /required property 'accentColor'/ },
    { item: 'store#23', case: 'an unknown property', changes: { '/botz': [] }, where: '/', what: /additional properties/ },
    { item: 'store#23', case: 'a devPreview schema', changes: { '/$schema': 'https://developer.microsoft.com/json-schemas/teams/vDevPreview/MicrosoftTeams.schema.json' }, where: '/$schema', what: /not a released Teams manifest schema/ },
    { item: 'store#23', case: 'a schema older than 1.24', changes: { '/$schema': 'https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json', '/manifestVersion': '1.17' }, where: '/$schema', what: /older than v1\.24/ },
    { item: 'store#23', case: 'manifestVersion not matching $schema', changes: { '/manifestVersion': '1.25' }, where: '/manifestVersion', what: /"1\.25" but "\$schema" is v1\.24/ },
    // ids
    { item: 'ids', case: 'a non-GUID app id', changes: { '/id': 'halo-import' }, where: '/id', what: /not a GUID/ },
    { item: 'ids', case: 'the empty GUID as bot id', changes: { '/bots/0/botId': '00000000-0000-0000-0000-000000000000' }, where: '/bots/0/botId', what: /empty GUID/ },
    { item: 'store#32', case: 'a non-GUID SSO client id', changes: { '/webApplicationInfo/id': 'abc' }, where: '/webApplicationInfo/id', what: /not a GUID/ },
    { item: 'store#32', case: 'no webApplicationInfo', changes: { '/webApplicationInfo': undefined }, where: '/webApplicationInfo', what: /SSO cannot work/ },
    { item: 'store#32', case: 'an SSO resource for another app id', changes: { '/webApplicationInfo/resource': 'api://halo-import-dev.example.com/039a4939-011b-4196-9bd6-c9de859eda62' }, where: '/webApplicationInfo/resource', what: /not api:\/\// },
    // capabilities
    { item: 'store#33', case: 'no bot', changes: { '/bots': [] }, where: '/bots', what: /no bot/ },
    { item: 'store#33', case: 'a bot without team scope', changes: { '/bots/0/scopes': ['personal', 'groupChat'] }, where: '/bots/0/scopes', what: /lacks the scopes team/ },
    { item: 'store#33', case: 'no channel tab', changes: { '/configurableTabs': undefined }, where: '/configurableTabs', what: /channel tab/ },
    { item: 'store#33', case: 'no personal tab', changes: { '/staticTabs': [{ entityId: 'conversations', scopes: ['personal'] }] }, where: '/staticTabs', what: /personal tab/ },
    { item: 'store#34', case: 'a slash command', changes: { '/bots/0/commandLists/0/commands/3/title': '/help' }, where: '/bots/0/commandLists/0/commands/3', what: /starts with "\/"/ },
    { item: 'store#34', case: 'a duplicate command', changes: { '/bots/0/commandLists/0/commands/1/title': 'help' }, where: '/bots/0/commandLists/0/commands/3', what: /listed twice/ },
    { item: 'store#34', case: 'a command without description', changes: { '/bots/0/commandLists/1/commands/1/description': ' ' }, where: '/bots/0/commandLists/1/commands/1', what: /no description/ },
    { item: 'store#35', case: 'a notification-only bot', changes: { '/bots/0/isNotificationOnly': true }, where: '/bots/0/isNotificationOnly', what: /notification-only/ },
    // domains and URLs
    { item: 'store#31', case: 'a URL outside validDomains', changes: { '/staticTabs/1/contentUrl': 'https://other.example.org/tab/' }, where: '/staticTabs/1/contentUrl', what: /not in validDomains/ },
    { item: 'store#30', case: 'a plain http privacy URL', changes: { '/developer/privacyUrl': 'http://halo-import-dev.example.com/tab/privacy' }, where: '/developer/privacyUrl', what: /does not use https/ },
    { item: 'store#31', case: 'a wildcard on a Microsoft domain', changes: { '/validDomains': ['halo-import-dev.example.com', '*.microsoft.com'] }, where: '/validDomains/1', what: /Microsoft domain/ },
    { item: 'store#31', case: 'all of azurewebsites.net', changes: { '/validDomains': ['halo-import-dev.example.com', '*.azurewebsites.net'] }, where: '/validDomains/1', what: /other Azure customers/ },
    { item: 'store#31', case: 'a bare top-level domain', changes: { '/validDomains': ['halo-import-dev.example.com', '*.com'] }, where: '/validDomains/1', what: /top-level domain/ },
    { item: 'store#31', case: 'a wildcard in the middle', changes: { '/validDomains': ['halo-import-dev.example.com', 'halo.*.example.com'] }, where: '/validDomains/1', what: /not a whole leading segment/ },
    { item: 'store#31', case: 'a URL instead of a domain', changes: { '/validDomains': ['https://halo-import-dev.example.com/'] }, where: '/validDomains/0', what: /is a URL/ },
    { item: 'store#25', case: 'a tunnel host', changes: { '/validDomains': ['halo-import-dev.example.com', 'abc123-3978.euw.devtunnels.ms'] }, where: '/validDomains/1', what: /tunnel/ },
    { item: 'store#25', case: 'localhost', changes: { '/validDomains': ['halo-import-dev.example.com', 'localhost:3978'] }, where: '/validDomains/1', what: /localhost/ },
    // listing
    { item: 'store#15', case: 'a short name containing "Teams"', changes: { '/name/short': 'Halo Teams Import' }, where: '/name/short', what: /Microsoft name "Teams"/ },
    { item: 'store#15', case: 'a full name containing "Microsoft"', changes: { '/name/full': 'Halo Import for Microsoft' }, where: '/name/full', what: /Microsoft name "Microsoft"/ },
    { item: 'store#15', case: 'a name starting with a Teams feature word', changes: { '/name/short': 'Chat Halo Import' }, where: '/name/short', what: /begins with the Teams feature word/ },
    { item: 'store#15', case: 'a pre-release name', changes: { '/name/short': 'Halo Import Beta' }, where: '/name/short', what: /"Beta"/ },
    { item: 'store#16', case: 'a first mention of plain "Teams"', changes: { '/description/full': 'Use Teams to import users. Works in Microsoft Teams.' }, where: '/description/full', what: /first mention of Teams/ },
    { item: 'store#16', case: 'an "MS" abbreviation', changes: { '/description/short': 'Import HaloPSA users from MS Teams.' }, where: '/description/short', what: /abbreviates Microsoft/ },
    { item: 'store#16', case: 'more than 500 words', changes: { '/description/full': `Microsoft Teams ${'word '.repeat(520)}` }, where: '/description/full', what: /more than 500/ },
    { item: 'store#24', case: 'a non-semver version', changes: { '/version': '1.0' }, where: '/version', what: /not a semantic version/ },
  ])('$item catches $case', async ({ changes, where, what }) => {
    expectProblem(await checkManifest(broken(changes)), where, what);
  });

  it('accepts localhost and tunnels only when asked (the local environment)', async () => {
    const local = broken({
      '/validDomains': ['abc123-3978.euw.devtunnels.ms'],
      '/developer/websiteUrl': 'https://abc123-3978.euw.devtunnels.ms/tab/about',
      '/developer/privacyUrl': 'https://abc123-3978.euw.devtunnels.ms/tab/privacy',
      '/developer/termsOfUseUrl': 'https://abc123-3978.euw.devtunnels.ms/tab/terms',
      '/configurableTabs/0/configurationUrl': 'https://abc123-3978.euw.devtunnels.ms/tab/config',
      '/staticTabs/1/contentUrl': 'https://abc123-3978.euw.devtunnels.ms/tab/',
      '/staticTabs/2/contentUrl': 'https://abc123-3978.euw.devtunnels.ms/tab/about',
      '/webApplicationInfo/resource': `api://abc123-3978.euw.devtunnels.ms/${String((resolvedDevManifest().webApplicationInfo as { id: string }).id)}`,
    });
    expect(await checkManifest(local, { allowDevHosts: true })).toEqual([]);
    expect((await checkManifest(local)).length).toBeGreaterThan(0);
  });

  it('never downloads a schema: an unknown $schema URL is a problem, not a request', async () => {
    // Loopback port 9 (discard): should a regression ever fetch it, nothing leaves the machine.
    const problems = await checkManifest(broken({ '/$schema': 'https://127.0.0.1:9/MicrosoftTeams.schema.json' }));
    expectProblem(problems, '/$schema', /not a released Teams manifest schema URL/);
  });

  it('reports every problem at once, not only the first', async () => {
    const problems = await checkManifest(broken({ '/id': 'x', '/name/short': 'Teams Halo', '/staticTabs/1/contentUrl': 'https://x.example.org/' }));
    expect(problems.map((p) => p.where)).toEqual(expect.arrayContaining(['manifest.json /id', 'manifest.json /name/short', 'manifest.json /staticTabs/1/contentUrl']));
  });

  it('judges a non-object without crashing', async () => {
    expect(await checkManifest('nope')).toEqual([expect.objectContaining({ where: 'manifest.json /$schema' }), expect.objectContaining({ where: 'manifest.json' })]);
  });
});

describe('hostMatchesDomain', () => {
  it.each([
    ['halo.example.com', 'halo.example.com', true],
    ['HALO.example.com', 'halo.example.com', true],
    ['halo.example.com:8443', 'halo.example.com', true],
    ['halo.example.com:8443', 'halo.example.com:8443', true],
    ['a.example.com', '*.example.com', true],
    ['a.b.example.com', '*.example.com', false],
    ['example.com', '*.example.com', false],
    ['evil-example.com', '*.example.com', false],
    ['halo.example.com.evil.org', 'halo.example.com', false],
  ])('%s in %s -> %s', (host, domain, expected) => {
    expect(hostMatchesDomain(host, domain)).toBe(expected);
  });
});

it(`the dev tab lives at ${TAB}`, () => {
  expect(resolvedDevManifest().validDomains).toEqual([new URL(TAB).host]);
});
