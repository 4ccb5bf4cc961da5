import { apiErrorSchema } from '../../src/contracts';
import { createHaloClient } from '../../src/halo';
import { USERS, invoke } from '../fixtures/bot/bot-client';
import { cardText, inputs } from '../fixtures/bot/validate-card';
import { routedFetch, startPublicHalo, tableResolver, type PublicHaloMode } from '../fixtures/security/fake-public-halo';
import { startSecurityApp, tableRows, type SecurityApp } from '../fixtures/security/security-app';

// SSRF through the HaloPSA Base URL (spec §3 HALO_ALLOW_PRIVATE_URLS=false), through the real API
// and the bot. No packet leaves loopback: DNS is a table, and the HaloPSA transport reaches only
// the loopback stand-in of one public-looking host; any other dial is recorded and fails the test.

jest.setTimeout(60_000);

const PUBLIC = 'https://halo-public.example';
const PUBLIC_IP = [{ address: '93.184.216.34', family: 4 }];

const resolver = tableResolver({
  'halo-public.example': PUBLIC_IP,
  'metadata.internal': [{ address: '169.254.169.254', family: 4 }],
  'intranet.example': [{ address: '10.0.0.7', family: 4 }],
  // one public and one private answer: a rebinding set-up, refused as a whole
  'mixed.example': [...PUBLIC_IP, { address: '10.1.2.3', family: 4 }],
  'v6private.example': [{ address: 'fd00::1', family: 6 }],
  'mapped.example': [{ address: '::ffff:127.0.0.1', family: 6 }],
  'evil.halopsa.com': [{ address: '127.0.0.1', family: 4 }],
});

let s: SecurityApp;
let publicHalo: Awaited<ReturnType<typeof startPublicHalo>>;
let transport: ReturnType<typeof routedFetch>;

beforeAll(async () => {
  publicHalo = await startPublicHalo();
  transport = routedFetch({ [PUBLIC]: publicHalo.url });
  s = await startSecurityApp({
    allowPrivateUrls: false,
    sandbox: false,
    halo: () => createHaloClient({ allowPrivateUrls: false, resolveHost: resolver, fetch: transport, maxRetries: 0 }),
  });
  expect(s.config.halo.allowPrivateUrls).toBe(false);
});

afterAll(async () => {
  await s?.close();
  await publicHalo?.close();
});

afterEach(() => {
  // the one assertion every case shares: nothing but the loopback stand-in was ever dialled
  expect(transport.forbidden).toEqual([]);
  publicHalo.setMode({ kind: 'halo' });
});

interface Attack {
  readonly name: string;
  readonly tenantId?: string;
  readonly baseUrl?: string;
  /** how the public-looking host answers, for attacks that go through it */
  readonly publicMode?: PublicHaloMode;
}

const ATTACKS: readonly Attack[] = [
  { name: 'cloud metadata over http', baseUrl: 'http://169.254.169.254' },
  { name: 'cloud metadata over https', baseUrl: 'https://169.254.169.254/latest/meta-data' },
  { name: 'a private address over http', baseUrl: 'http://10.0.0.1' },
  { name: 'a private address over https', baseUrl: 'https://10.0.0.1' },
  { name: 'loopback over http without the opt-in', baseUrl: 'http://127.0.0.1' },
  { name: 'loopback over https', baseUrl: 'https://127.0.0.1:8443' },
  { name: 'IPv6 loopback', baseUrl: 'https://[::1]' },
  { name: 'IPv4-mapped IPv6 metadata', baseUrl: 'https://[::ffff:169.254.169.254]' },
  { name: 'loopback written as one decimal number', baseUrl: 'https://2130706433' },
  { name: 'loopback written in hex', baseUrl: 'https://0x7f.0.0.1' },
  { name: 'the unspecified address', baseUrl: 'https://0.0.0.0' },
  { name: 'a file: URL', baseUrl: 'file:///etc/passwd' },
  { name: 'a gopher: URL', baseUrl: 'gopher://127.0.0.1:25/' },
  { name: 'credentials in the URL', baseUrl: 'https://admin:pw@halo-public.example' },
  { name: 'a host name resolving to metadata', baseUrl: 'https://metadata.internal' },
  { name: 'a host name resolving to a private address', baseUrl: 'https://intranet.example' },
  { name: 'a host name with one public and one private address', baseUrl: 'https://mixed.example' },
  { name: 'a host name resolving to a unique-local IPv6 address', baseUrl: 'https://v6private.example' },
  { name: 'a host name resolving to IPv4-mapped loopback', baseUrl: 'https://mapped.example' },
  { name: 'a tenant whose hosted name resolves to loopback', tenantId: 'evil' },
  { name: 'a public host redirecting to metadata over http', baseUrl: PUBLIC, publicMode: { kind: 'redirect', location: 'http://169.254.169.254/latest/meta-data/' } },
  { name: 'a public host redirecting to a private address', baseUrl: PUBLIC, publicMode: { kind: 'redirect', location: 'https://10.0.0.1/auth/token' } },
  { name: 'a public host redirecting to a name resolving to metadata', baseUrl: PUBLIC, publicMode: { kind: 'redirect', location: 'https://metadata.internal/' } },
  { name: 'a public host redirecting to IPv6 loopback', baseUrl: PUBLIC, publicMode: { kind: 'redirect', location: 'https://[::1]/auth/token' } },
  { name: 'a public host whose authinfo names a private auth server', baseUrl: PUBLIC, publicMode: { kind: 'authinfo', authUrl: 'https://10.0.0.1/auth' } },
];

function body(attack: Attack, clientSecret: string) {
  return { tenantId: attack.tenantId ?? '', clientId: 'ssrf-client', clientSecret, ...(attack.baseUrl === undefined ? {} : { baseUrl: attack.baseUrl }) };
}

describe('PUT /api/v1/halo/connection refuses every private target before any connection', () => {
  it.each(ATTACKS.map((a) => [a.name, a] as const))('%s', async (_name, attack) => {
    if (attack.publicMode) publicHalo.setMode(attack.publicMode);
    const hitsBefore = publicHalo.hits.length;
    const res = await s.api('PUT', '/halo/connection', { token: s.token('ada'), body: JSON.stringify(body(attack, 'ssrf-secret-A1')) });
    expect(res.status).toBe(400);
    const error = apiErrorSchema.parse(res.json).error;
    expect(error.code).toBe('halo_url_refused');
    expect(error.message).toMatch(/not allowed/);
    expect(res.text).not.toContain('ssrf-secret-A1');
    expect(tableRows(s.dbFile, 'halo_connections')).toEqual([]);
    // the attacks through the public-looking host did reach it: the refusal came after, not instead
    expect(publicHalo.hits.length > hitsBefore).toBe(attack.publicMode !== undefined);
  });

  it('never sent the secret towards a refused auth server (only the public host was dialled)', () => {
    expect(transport.routed.every((u) => u.startsWith(PUBLIC))).toBe(true);
  });

  it('accepts the public host when it is a HaloPSA, so the refusals above are about the address', async () => {
    const res = await s.api('PUT', '/halo/connection', { token: s.token('ada'), body: JSON.stringify({ tenantId: '', clientId: 'ok-client', clientSecret: 'ok-secret', baseUrl: PUBLIC }) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ configured: true, baseUrl: PUBLIC });
    expect((await s.api('DELETE', '/halo/connection', { token: s.token('ada') })).status).toBe(204);
  });
});

describe('the bot’s halo.saveCredentials refuses them the same way', () => {
  it.each(ATTACKS.map((a) => [a.name, a] as const))('%s', async (_name, attack) => {
    if (attack.publicMode) publicHalo.setMode(attack.publicMode);
    const answer = await s.bot(invoke(USERS.ada, 'halo.saveCredentials', { teamId: 'team-x', ...body(attack, 'ssrf-secret-B2') }, { serviceUrl: s.connector.url }));
    expect(answer.status).toBe(200);
    const card = (answer.body as { value: Record<string, unknown> }).value;
    const text = cardText(card);
    expect(text).toContain('not allowed');
    expect(text).toContain('Nothing was saved');
    expect(JSON.stringify(answer.body)).not.toContain('ssrf-secret-B2');
    expect(inputs(card).get('clientSecret')).not.toHaveProperty('value');
    expect(tableRows(s.dbFile, 'halo_connections')).toEqual([]);
  });
});

it('looked up only the names of the table, and logged no secret', () => {
  expect(resolver.asked.length).toBeGreaterThan(0);
  const logs = s.logger.lines.join('\n');
  for (const secret of ['ssrf-secret-A1', 'ssrf-secret-B2', 'ok-secret']) expect(logs).not.toContain(secret);
});
