import { createMemoryLogger } from '../../../src/logging';
import { createHaloClient, type HaloClientOptions } from '../../../src/halo';
import {
  SANDBOX_GROUPS,
  startHaloSandbox,
  type HaloSandbox,
  type HaloSandboxOptions,
} from '../../../src/halo/sandbox';
import {
  expectedUsers,
  fakeTime,
  forbiddenFetch,
  recordingFetch,
  rejectionOf,
  sandboxConnection,
} from '../../fixtures/halo/halo-test-kit';

// The client against the sandbox over real HTTP on 127.0.0.1: each case asserts the exact users
// returned or the exact error code. Waits run on a virtual clock, so backoff costs no real time.

const { acme, fabrikam, globex, initech } = SANDBOX_GROUPS;

let sandbox: HaloSandbox;
const started: HaloSandbox[] = [];

async function startSandbox(options: HaloSandboxOptions = {}): Promise<HaloSandbox> {
  const s = await startHaloSandbox({ rateLimit: false, ...options });
  started.push(s);
  return s;
}

function client(options: HaloClientOptions = {}) {
  const time = fakeTime();
  const logger = createMemoryLogger();
  const recorder = recordingFetch();
  const halo = createHaloClient({
    allowPrivateUrls: true,
    fetch: recorder.fetch,
    now: time.now,
    sleep: time.sleep,
    random: () => 0,
    logger,
    ...options,
  });
  return { halo, time, logger, requests: recorder.requests };
}

beforeEach(async () => {
  sandbox = await startSandbox();
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

describe('auth discovery and tokens', () => {
  it('discovers the auth server with /api/authinfo and mints a token with scope and tenant', async () => {
    const { halo, requests } = client();
    await halo.verify(sandboxConnection(sandbox));
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${sandbox.url}/api/authinfo`,
      `POST ${sandbox.url}/auth/token?tenant=demo`,
    ]);
    const form = new URLSearchParams(requests[1]?.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('all');
    expect(requests[1]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('falls back to {base}/auth when /api/authinfo answers 404', async () => {
    sandbox.faults.authInfoMissing();
    const { halo, requests } = client();
    expect(await halo.listUsers(sandboxConnection(sandbox), fabrikam)).toEqual(
      expectedUsers(sandbox.data, fabrikam),
    );
    expect(requests[1]?.url).toBe(`${sandbox.url}/auth/token?tenant=demo`);
  });

  it('takes the tenant from /api/authinfo when none was typed', async () => {
    const { halo, requests } = client();
    await halo.verify(sandboxConnection(sandbox, { tenantId: '' }));
    expect(requests[1]?.url).toBe(`${sandbox.url}/auth/token?tenant=demo`);
  });

  it('reuses the cached token across calls and mints again once it is about to expire', async () => {
    const { halo, time, requests } = client();
    const connection = sandboxConnection(sandbox);
    await halo.listUsers(connection, fabrikam);
    await halo.listUsers(connection, acme);
    expect(requests.filter((r) => r.url.includes('/auth/token'))).toHaveLength(1);
    time.advance(3600 * 1000);
    await halo.listUsers(connection, fabrikam);
    expect(requests.filter((r) => r.url.includes('/auth/token'))).toHaveLength(2);
    expect(requests.filter((r) => r.url.includes('/api/authinfo'))).toHaveLength(1);
  });

  it('refreshes once when the token expires in the middle of a concurrent listing', async () => {
    const recorder = recordingFetch((url, n) => {
      if (n === 8) sandbox.faults.expireTokens();
    });
    const halo = createHaloClient({
      allowPrivateUrls: true,
      fetch: recorder.fetch,
      concurrency: 4,
    });
    expect(await halo.listUsers(sandboxConnection(sandbox), globex)).toEqual(
      expectedUsers(sandbox.data, globex),
    );
    expect(recorder.requests.filter((r) => r.url.includes('/auth/token'))).toHaveLength(2);
  });

  it('mints tokens for different credentials separately', async () => {
    const { halo } = client();
    await halo.verify(sandboxConnection(sandbox));
    const error = await rejectionOf(
      halo.verify(sandboxConnection(sandbox, { clientSecret: 'wrong-secret' })),
    );
    expect(error.code).toBe('halo_invalid_client');
  });
});

describe('tenant and base URL', () => {
  it('uses https://<tenant>.halopsa.com when no base URL is given, and normalizes a full host typed as tenant', async () => {
    sandbox.faults.authInfoMissing();
    const { halo, requests } = client({
      allowPrivateUrls: false,
      resolveHost: async () => [{ address: '93.184.215.14', family: 4 }],
      // the hosted URL is answered by the sandbox: nothing leaves loopback
      fetch: (url, init) => {
        requests.push({ method: init.method, url, headers: init.headers, body: init.body });
        return globalThis.fetch(url.replace('https://demo.halopsa.com', sandbox.url), init);
      },
    });
    const users = await halo.listUsers(
      {
        tenantId: ' https://Demo.HaloPSA.com/ ',
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
      },
      fabrikam,
    );
    expect(users).toEqual(expectedUsers(sandbox.data, fabrikam));
    expect(requests.map((r) => r.url.split('?')[0])).toEqual([
      'https://demo.halopsa.com/api/authinfo',
      'https://demo.halopsa.com/auth/token',
      'https://demo.halopsa.com/api/Users',
    ]);
    expect(requests[1]?.url).toContain('?tenant=demo');
  });

  it.each([
    ['the base URL as typed', (url: string) => url],
    ['a trailing slash', (url: string) => `${url}/`],
    ['the Resource URL ending in /api', (url: string) => `${url}/api/`],
  ])('accepts a custom base URL given as %s', async (_name, shape) => {
    const { halo } = client();
    expect(
      await halo.listUsers(sandboxConnection(sandbox, { baseUrl: shape(sandbox.url) }), acme),
    ).toEqual(expectedUsers(sandbox.data, acme));
  });

  it('reports an unknown tenant', async () => {
    const { halo } = client();
    const error = await rejectionOf(
      halo.verify(sandboxConnection(sandbox, { tenantId: 'someone-else' })),
    );
    expect(error.code).toBe('halo_tenant_unknown');
    expect(error.message).toMatch(/Base URL/);
  });

  it('reports a tenant whose hosted name does not resolve as unknown', async () => {
    const fetch = forbiddenFetch();
    const { halo } = client({
      allowPrivateUrls: false,
      resolveHost: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND nosuch.halopsa.com'), {
          code: 'ENOTFOUND',
        });
      },
      fetch,
    });
    expect(
      (await rejectionOf(halo.verify({ tenantId: 'nosuch', clientId: 'x', clientSecret: 'y' })))
        .code,
    ).toBe('halo_tenant_unknown');
    expect(fetch.calls).toEqual([]);
  });

  it('reports a base URL where nothing listens as unreachable', async () => {
    const closed = await startSandbox();
    const url = closed.url;
    await closed.close();
    const { halo } = client({ maxRetries: 1 });
    expect(
      (await rejectionOf(halo.verify(sandboxConnection(sandbox, { baseUrl: url })))).code,
    ).toBe('halo_unreachable');
  });
});

describe('groups', () => {
  it('lists active Halo clients sorted by name', async () => {
    const { halo } = client();
    expect(await halo.listGroups(sandboxConnection(sandbox))).toEqual([
      { id: 12, name: 'Acme Corporation' },
      { id: 15, name: 'Fabrikam Retail' },
      { id: 20, name: 'Globex Manufacturing' },
      { id: 30, name: 'Initech' },
      { id: 40, name: 'Tailspin Toys' },
      { id: 45, name: 'Umbrella Health' },
      { id: 50, name: 'Wayne Enterprises' },
    ]);
  });

  it('explains an empty client list as a permission problem', async () => {
    sandbox.faults.hideClients();
    const { halo } = client();
    const error = await rejectionOf(halo.listGroups(sandboxConnection(sandbox)));
    expect(error.code).toBe('halo_permission_denied');
    expect(error.message).toMatch(/no customers.*agent/i);
  });
});

describe('users and paging', () => {
  it('returns every user of a 5,000-user customer, active and inactive', async () => {
    const { halo, requests } = client();
    const users = await halo.listUsers(sandboxConnection(sandbox), globex);
    expect(users).toEqual(expectedUsers(sandbox.data, globex));
    expect(users.filter((u) => u.inactive)).toHaveLength(25);
    const first = new URL(requests.find((r) => r.url.includes('/api/Users'))?.url ?? '');
    expect(Object.fromEntries(first.searchParams)).toEqual({
      client_id: '20',
      includeactive: 'true',
      includeinactive: 'true',
      pageinate: 'true',
      page_size: '100',
      page_no: '1',
    });
  });

  it('returns the awkward Acme users exactly as Halo holds them', async () => {
    const { halo } = client();
    const users = await halo.listUsers(sandboxConnection(sandbox), acme);
    expect(users).toHaveLength(30);
    expect(users.slice(0, 4)).toEqual([
      {
        id: 501,
        name: 'Jane Doe',
        email: 'Jane.Doe@acme.example ',
        site: 'Head Office',
        inactive: false,
      },
      {
        id: 502,
        name: 'John Smith',
        email: 'john.smith@acme.example',
        site: 'Head Office',
        inactive: false,
      },
      {
        id: 503,
        name: 'Existing User',
        email: ' Existing@Acme.example ',
        site: 'Head Office',
        inactive: false,
      },
      {
        id: 504,
        name: 'Taken Already',
        email: 'TAKEN@acme.example',
        site: 'Head Office',
        inactive: false,
      },
    ]);
    expect(users.find((u) => u.id === 511)).toEqual({
      id: 511,
      name: '李雷',
      email: 'li.lei@acme.example',
      site: 'Warehouse',
      inactive: false,
    });
  });

  it('returns an empty list for a customer without users', async () => {
    const { halo } = client();
    expect(await halo.listUsers(sandboxConnection(sandbox), initech)).toEqual([]);
  });

  it('gets every row when the server caps pages at 100 and more is asked', async () => {
    const { halo, requests } = client({ pageSize: 250 });
    expect(await halo.listUsers(sandboxConnection(sandbox), globex)).toEqual(
      expectedUsers(sandbox.data, globex),
    );
    const sizes = requests
      .filter((r) => r.url.includes('/api/Users'))
      .map((r) => new URL(r.url).searchParams.get('page_size'));
    expect(sizes).toEqual(['250', ...Array<string>(49).fill('100')]);
  });

  it('adapts to a server that caps pages below the asked size', async () => {
    const capped = await startSandbox({ pageCap: 40 });
    const { halo } = client();
    expect(await halo.listUsers(sandboxConnection(capped), globex)).toEqual(
      expectedUsers(capped.data, globex),
    );
  });

  it('stops when record_count claims more rows than are served', async () => {
    sandbox.faults.inflateRecordCount(150);
    const { halo, logger, requests } = client({ concurrency: 1 });
    expect(await halo.listUsers(sandboxConnection(sandbox), globex)).toEqual(
      expectedUsers(sandbox.data, globex),
    );
    expect(requests.filter((r) => r.url.includes('/api/Users'))).toHaveLength(51);
    expect(logger.lines.join('')).toContain('fewer records than record_count');
  });

  it('stops at an empty page instead of looping', async () => {
    sandbox.faults.emptyPage({ pageNo: 3 });
    const { halo } = client({ concurrency: 1 });
    expect(await halo.listUsers(sandboxConnection(sandbox), globex)).toEqual(
      expectedUsers(sandbox.data, globex).slice(0, 200),
    );
  });

  it('stops at an empty page when pages come as bare arrays', async () => {
    sandbox.faults.bareArray();
    sandbox.faults.emptyPage({ pageNo: 2, times: 100 });
    const { halo, requests } = client();
    expect(await halo.listUsers(sandboxConnection(sandbox), globex)).toEqual(
      expectedUsers(sandbox.data, globex).slice(0, 100),
    );
    expect(requests.filter((r) => r.url.includes('/api/Users'))).toHaveLength(2);
  });

  it.each([
    ['Globex', globex],
    ['Acme', acme],
    ['Initech', initech],
  ])('accepts bare-array answers (%s)', async (_name, id) => {
    sandbox.faults.bareArray();
    const { halo } = client();
    expect(await halo.listUsers(sandboxConnection(sandbox), id)).toEqual(
      expectedUsers(sandbox.data, id),
    );
  });

  it.each(['decimal', 'string'] as const)('parses %s ids', async (style) => {
    sandbox.faults.idStyle(style);
    const { halo } = client();
    const connection = sandboxConnection(sandbox);
    expect((await halo.listGroups(connection)).map((g) => g.id)).toEqual([
      12, 15, 20, 30, 40, 45, 50,
    ]);
    expect(await halo.listUsers(connection, acme)).toEqual(expectedUsers(sandbox.data, acme));
  });

  it('keeps at most `concurrency` pages in flight', async () => {
    const slow = await startSandbox({ latencyMs: 15 });
    const { halo } = client({ concurrency: 3 });
    expect(await halo.listUsers(sandboxConnection(slow), globex)).toHaveLength(5000);
    expect(slow.stats.maxInFlight).toBe(3);
  });

  it('refuses a group id that is not a positive whole number', async () => {
    const { halo } = client();
    expect((await rejectionOf(halo.listUsers(sandboxConnection(sandbox), 1.5))).code).toBe(
      'bad_request',
    );
  });
});

describe('rate limits, server errors and timeouts', () => {
  it('waits Retry-After on a 429, then continues', async () => {
    sandbox.faults.rateLimit(2, { retryAfterSeconds: 7, path: '/api/users' });
    const { halo, time } = client();
    expect(await halo.listUsers(sandboxConnection(sandbox), fabrikam)).toEqual(
      expectedUsers(sandbox.data, fabrikam),
    );
    expect(time.slept).toEqual([7000, 7000]);
  });

  it('backs off exponentially with jitter on a 429 without Retry-After', async () => {
    sandbox.faults.rateLimit(3, { path: '/api/users' });
    const { halo, time } = client({ random: () => 0.5 });
    expect(await halo.listUsers(sandboxConnection(sandbox), fabrikam)).toEqual(
      expectedUsers(sandbox.data, fabrikam),
    );
    expect(time.slept).toEqual([3750, 7500, 15000]);
  });

  it('gives up with halo_rate_limited after the bounded number of waits', async () => {
    sandbox.faults.rateLimit(50, { retryAfterSeconds: 30 });
    const { halo, time } = client({ maxRateLimitWaits: 3 });
    const error = await rejectionOf(halo.listUsers(sandboxConnection(sandbox), fabrikam));
    expect(error.code).toBe('halo_rate_limited');
    expect(error.retryAfterSeconds).toBe(30);
    expect(time.slept).toEqual([30000, 30000, 30000]);
  });

  it('retries a 500 HTML page, then continues', async () => {
    sandbox.faults.serverError(2, { path: '/api/users' });
    const { halo, time } = client();
    expect(await halo.listUsers(sandboxConnection(sandbox), fabrikam)).toEqual(
      expectedUsers(sandbox.data, fabrikam),
    );
    expect(time.slept).toEqual([500, 1000]);
  });

  it('reports halo_server_error when 500s outlast the retries', async () => {
    sandbox.faults.serverError(10, { path: '/api/users' });
    const { halo, time } = client({ maxRetries: 2 });
    const error = await rejectionOf(halo.listUsers(sandboxConnection(sandbox), fabrikam));
    expect(error.code).toBe('halo_server_error');
    expect(time.slept).toHaveLength(2);
  });

  it('explains a 500 page from the token endpoint as a likely configuration problem', async () => {
    sandbox.faults.serverError(10, { path: '/auth/token' });
    const { halo } = client({ maxRetries: 0 });
    const error = await rejectionOf(halo.verify(sandboxConnection(sandbox)));
    expect(error.code).toBe('halo_server_error');
    expect(error.message).toMatch(/Client ID.*Tenant ID/);
  });

  it('reports an HTML page where JSON was expected', async () => {
    sandbox.faults.htmlPage(1, { path: '/api/users' });
    const { halo } = client();
    expect((await rejectionOf(halo.listUsers(sandboxConnection(sandbox), fabrikam))).code).toBe(
      'halo_bad_response',
    );
  });

  it('aborts a slow call and retries it', async () => {
    sandbox.faults.slow(1, 400, { path: '/api/users' });
    const { halo } = client({ timeoutMs: 100 });
    expect(await halo.listUsers(sandboxConnection(sandbox), fabrikam)).toEqual(
      expectedUsers(sandbox.data, fabrikam),
    );
  });

  it('reports halo_timeout when every attempt is too slow', async () => {
    sandbox.faults.slow(10, 400, { path: '/api/users' });
    const { halo } = client({ timeoutMs: 100, maxRetries: 1 });
    expect((await rejectionOf(halo.listUsers(sandboxConnection(sandbox), fabrikam))).code).toBe(
      'halo_timeout',
    );
  });

  it('never causes a 429 under the sandbox’s own rolling limit', async () => {
    const limited = await startSandbox({ rateLimit: { requests: 20, windowMs: 400 } });
    const halo = createHaloClient({
      allowPrivateUrls: true,
      rateLimit: { requests: 20, windowMs: 400 },
      concurrency: 8,
    });
    expect(await halo.listUsers(sandboxConnection(limited), globex)).toEqual(
      expectedUsers(limited.data, globex),
    );
    expect(limited.stats.requests).toBe(52);
    expect(limited.stats.rateLimitedByLimit).toBe(0);
  });
});

describe('credentials, scope and permissions', () => {
  it('reports a wrong client secret as halo_invalid_client', async () => {
    const { halo } = client();
    const error = await rejectionOf(
      halo.verify(sandboxConnection(sandbox, { clientSecret: 'not-the-secret' })),
    );
    expect(error.code).toBe('halo_invalid_client');
    expect(error.message).toMatch(/Client ID or Client Secret/);
  });

  it('reports a wrong client id as halo_invalid_client', async () => {
    const { halo } = client();
    expect(
      (await rejectionOf(halo.listGroups(sandboxConnection(sandbox, { clientId: 'nobody' })))).code,
    ).toBe('halo_invalid_client');
  });

  it('reports an unknown scope as halo_invalid_scope', async () => {
    const { halo } = client({ scope: 'read:actions' });
    expect((await rejectionOf(halo.verify(sandboxConnection(sandbox)))).code).toBe(
      'halo_invalid_scope',
    );
  });

  it('reports a scope without customers as halo_permission_denied', async () => {
    const { halo } = client({ scope: 'read:tickets' });
    const connection = sandboxConnection(sandbox);
    await halo.verify(connection);
    expect((await rejectionOf(halo.listUsers(connection, acme))).code).toBe(
      'halo_permission_denied',
    );
  });

  it('reports a 403 as halo_permission_denied', async () => {
    sandbox.faults.forbidden();
    const { halo } = client();
    expect((await rejectionOf(halo.listGroups(sandboxConnection(sandbox)))).code).toBe(
      'halo_permission_denied',
    );
  });
});
