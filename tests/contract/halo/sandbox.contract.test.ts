import {
  createSandboxData,
  SANDBOX_CREDENTIALS,
  SANDBOX_GROUPS,
  startHaloSandbox,
  type HaloSandbox,
} from '../../../src/halo/sandbox';

// The sandbox speaks Halo's protocol to any HTTP client: these drive it with plain fetch.

let sandbox: HaloSandbox;

beforeEach(async () => {
  sandbox = await startHaloSandbox({ rateLimit: false, tokenTtlSeconds: 60 });
});

afterEach(async () => {
  await sandbox.close();
});

async function token(form: Record<string, string>, query = '?tenant=demo'): Promise<Response> {
  return fetch(`${sandbox.url}/auth/token${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

const good = {
  grant_type: 'client_credentials',
  client_id: SANDBOX_CREDENTIALS.clientId,
  client_secret: SANDBOX_CREDENTIALS.clientSecret,
  scope: 'all',
};

async function bearer(scope = 'all'): Promise<string> {
  const res = await token({ ...good, scope });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function get(path: string, accessToken: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sandbox.url}${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return {
    status: res.status,
    body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text(),
  };
}

it('answers /api/authinfo with its auth server and tenant', async () => {
  const res = await fetch(`${sandbox.url}/api/AuthInfo`);
  expect(await res.json()).toMatchObject({ auth_url: `${sandbox.url}/auth`, tenant_id: 'demo' });
});

it.each([
  ['good credentials', good, '?tenant=demo', 200, undefined],
  ['no tenant at all', good, '', 200, undefined],
  ['a wrong secret', { ...good, client_secret: 'nope' }, '?tenant=demo', 401, 'invalid_client'],
  ['a wrong client id', { ...good, client_id: 'nope' }, '?tenant=demo', 401, 'invalid_client'],
  ['an unknown scope', { ...good, scope: 'read:actions' }, '?tenant=demo', 400, 'invalid_scope'],
  [
    'another grant type',
    { ...good, grant_type: 'password' },
    '?tenant=demo',
    400,
    'unsupported_grant_type',
  ],
  ['an unknown tenant', good, '?tenant=other', 400, 'invalid_request'],
])('token request with %s answers %i', async (_name, form, query, status, error) => {
  const res = await token(form, query);
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error?: string; expires_in?: number; token_type?: string };
  if (error) expect(body.error).toBe(error);
  else expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 60 });
});

it('caps pages at 100 rows whatever page_size asks, and reports the total as record_count', async () => {
  const t = await bearer();
  const { body } = await get(
    `/api/users?client_id=${SANDBOX_GROUPS.globex}&pageinate=true&page_size=1000&page_no=2&includeactive=true&includeinactive=true`,
    t,
  );
  const page = body as { record_count: number; users: { id: number }[] };
  expect(page.record_count).toBe(5000);
  expect(page.users.map((u) => u.id)).toEqual(Array.from({ length: 100 }, (_, i) => 20101 + i));
});

it.each([
  ['both flags', 'includeactive=true&includeinactive=true', 30],
  ['active only', 'includeactive=true&includeinactive=false', 26],
  ['inactive only', 'includeactive=false&includeinactive=true', 4],
  ['neither flag (inactive hidden)', '', 26],
  ['a search', 'includeactive=true&includeinactive=true&search=jane', 3],
])('filters Acme users by %s', async (_name, query, count) => {
  const t = await bearer();
  const { body } = await get(
    `/API/USERS?client_id=${SANDBOX_GROUPS.acme}&pageinate=true&page_size=100&page_no=1&${query}`,
    t,
  );
  expect((body as { record_count: number }).record_count).toBe(count);
});

it('refuses API calls without a valid token, with an expired one, and without a customers scope', async () => {
  expect((await get('/api/Client', 'made-up')).status).toBe(401);
  const t = await bearer();
  expect((await get('/api/Client', t)).status).toBe(200);
  sandbox.faults.expireTokens();
  expect((await get('/api/Client', t)).status).toBe(401);
  expect((await get('/api/Client', await bearer('read:tickets'))).status).toBe(403);
});

it('serves its own rolling rate limit with Retry-After', async () => {
  const limited = await startHaloSandbox({ rateLimit: { requests: 3, windowMs: 60_000 } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${limited.url}/api/authinfo`)).status);
    const last = await fetch(`${limited.url}/api/authinfo`);
    expect([...statuses, last.status]).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(limited.stats.rateLimitedByLimit).toBe(2);
  } finally {
    await limited.close();
  }
});

it('switches faults on for the next N requests and off again', async () => {
  const t = await bearer();
  sandbox.faults.serverError(1, { path: '/api/client' });
  sandbox.faults.rateLimit(1, { path: '/api/client', retryAfterSeconds: 9 });
  const first = await fetch(`${sandbox.url}/api/Client`, {
    headers: { authorization: `Bearer ${t}` },
  });
  expect([first.status, first.headers.get('retry-after')]).toEqual([429, '9']);
  const second = await get('/api/Client', t);
  expect(second.status).toBe(500);
  expect(String(second.body)).toContain('Sorry, something went wrong');
  expect((await get('/api/Client', t)).status).toBe(200);
  sandbox.faults.idStyle('decimal');
  sandbox.faults.bareArray();
  const raw = await (
    await fetch(`${sandbox.url}/api/Client?pageinate=true&page_size=100&page_no=1`, {
      headers: { authorization: `Bearer ${t}` },
    })
  ).text();
  expect(raw.startsWith('[')).toBe(true);
  expect(raw).toContain('"id":12.0');
  sandbox.faults.reset();
  expect(((await get('/api/Client', t)).body as { clients: unknown[] }).clients).toHaveLength(7);
  expect(sandbox.stats.byPath['/api/client']).toBe(5);
});

it('seeds the same data every time, with the documented customers', () => {
  const a = createSandboxData();
  expect(createSandboxData()).toEqual(a);
  const count = (id: number) => a.users.filter((u) => u.client_id === id).length;
  expect([
    count(SANDBOX_GROUPS.acme),
    count(SANDBOX_GROUPS.fabrikam),
    count(SANDBOX_GROUPS.globex),
    count(SANDBOX_GROUPS.initech),
  ]).toEqual([30, 24, 5000, 0]);
  expect(
    new Set(a.users.filter((u) => u.client_id === SANDBOX_GROUPS.globex).map((u) => u.emailaddress))
      .size,
  ).toBe(5000);
  expect(
    a.users.filter((u) => u.client_id === SANDBOX_GROUPS.acme).map((u) => u.emailaddress),
  ).toEqual(
    expect.arrayContaining([
      ' Existing@Acme.example ',
      'TAKEN@acme.example',
      '',
      '   ',
      'jane@',
      'someone@else.example',
    ]),
  );
  expect(
    createSandboxData({ bigGroup: true }).users.filter(
      (u) => u.client_id === SANDBOX_GROUPS.massive,
    ),
  ).toHaveLength(50_000);
});
