import { createHaloClient, type HaloFetch, type ResolveHost } from '../../../src/halo';
import { forbiddenFetch, rejectionOf } from '../../fixtures/halo/halo-test-kit';

// Every refusal happens before a packet is sent: DNS is an injected table and the fetch fails
// the test if it is called at all.

const resolver: ResolveHost = async (host) => {
  const table: Record<string, string> = {
    'acme.halopsa.com': '93.184.215.14',
    'halo.acme.com': '93.184.215.15',
    'internal.acme.com': '10.20.30.40',
    'metadata.acme.com': '169.254.169.254',
    'rebind.acme.com': '::ffff:127.0.0.1',
    'cgnat.acme.com': '100.64.1.1',
  };
  const address = table[host];
  if (!address)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return [{ address, family: address.includes(':') ? 6 : 4 }];
};

const credentials = { tenantId: '', clientId: 'id', clientSecret: 'secret-value' };

it.each`
  baseUrl                        | code
  ${'http://halo.acme.com'}      | ${'halo_url_refused'}
  ${'file:///etc/passwd'}        | ${'halo_url_refused'}
  ${'https://internal.acme.com'} | ${'halo_url_refused'}
  ${'https://metadata.acme.com'} | ${'halo_url_refused'}
  ${'https://rebind.acme.com'}   | ${'halo_url_refused'}
  ${'https://cgnat.acme.com'}    | ${'halo_url_refused'}
  ${'https://127.0.0.1'}         | ${'halo_url_refused'}
  ${'https://[::1]:8443'}        | ${'halo_url_refused'}
  ${'https://[fe80::1]'}         | ${'halo_url_refused'}
  ${'https://169.254.169.254'}   | ${'halo_url_refused'}
  ${'https://0.0.0.0'}           | ${'halo_url_refused'}
  ${'https://nosuch.acme.com'}   | ${'halo_unreachable'}
`(
  'refuses $baseUrl with $code and dials nothing',
  async ({ baseUrl, code }: { baseUrl: string; code: string }) => {
    const fetch = forbiddenFetch();
    const halo = createHaloClient({ fetch, resolveHost: resolver });
    const error = await rejectionOf(halo.verify({ ...credentials, baseUrl }));
    expect(error.code).toBe(code);
    expect(fetch.calls).toEqual([]);
    expect(error.message).not.toContain('secret-value');
  },
);

it('refuses a hosted tenant whose name resolves to a private address', async () => {
  const fetch = forbiddenFetch();
  const halo = createHaloClient({
    fetch,
    resolveHost: async () => [{ address: '192.168.0.7', family: 4 }],
  });
  expect((await rejectionOf(halo.listGroups({ ...credentials, tenantId: 'acme' }))).code).toBe(
    'halo_url_refused',
  );
  expect(fetch.calls).toEqual([]);
});

it('vets the address again before every request, so a name that rebinds is refused mid-way', async () => {
  let lookups = 0;
  const rebinding: ResolveHost = async () => [
    { address: ++lookups <= 2 ? '93.184.215.14' : '127.0.0.1', family: 4 },
  ];
  const dialled: string[] = [];
  const fetch: HaloFetch = async (url) => {
    dialled.push(url);
    if (url.endsWith('/api/authinfo')) return new Response('', { status: 404 });
    return Response.json({ access_token: 't', expires_in: 3600 });
  };
  const halo = createHaloClient({ fetch, resolveHost: rebinding });
  expect((await rejectionOf(halo.listGroups({ ...credentials, tenantId: 'acme' }))).code).toBe(
    'halo_url_refused',
  );
  expect(dialled).toEqual([
    'https://acme.halopsa.com/api/authinfo',
    'https://acme.halopsa.com/auth/token?tenant=acme',
  ]);
});

it.each`
  location                                     | why
  ${'http://169.254.169.254/latest/meta-data'} | ${/not allowed/}
  ${'https://internal.acme.com/api/Client'}    | ${/not allowed.*private/}
  ${'https://halo.acme.com/api/Client'}        | ${/redirected .* to https:\/\/halo\.acme\.com.*Base URL/}
`(
  'refuses a redirect to $location without following it',
  async ({ location, why }: { location: string; why: RegExp }) => {
    const dialled: string[] = [];
    const fetch: HaloFetch = async (url, init) => {
      dialled.push(url);
      expect(init.redirect).toBe('manual');
      if (url.endsWith('/api/authinfo')) return new Response('', { status: 404 });
      if (url.includes('/auth/token'))
        return Response.json({ access_token: 't', expires_in: 3600 });
      return new Response(null, { status: 302, headers: { location } });
    };
    const halo = createHaloClient({ fetch, resolveHost: resolver });
    const error = await rejectionOf(halo.listGroups({ ...credentials, tenantId: 'acme' }));
    expect(error.code).toBe('halo_url_refused');
    expect(error.message).toMatch(why);
    expect(dialled).toHaveLength(3);
  },
);

it('follows a same-origin redirect of a GET', async () => {
  const fetch: HaloFetch = async (url) => {
    if (url.endsWith('/api/authinfo')) return new Response('', { status: 404 });
    if (url.includes('/auth/token')) return Response.json({ access_token: 't', expires_in: 3600 });
    if (url.includes('/api/Client'))
      return new Response(null, {
        status: 301,
        headers: { location: url.replace('/api/Client', '/api/client') },
      });
    return Response.json({ record_count: 1, clients: [{ id: 7, name: 'Acme' }] });
  };
  const halo = createHaloClient({ fetch, resolveHost: resolver });
  expect(await halo.listGroups({ ...credentials, tenantId: 'acme' })).toEqual([
    { id: 7, name: 'Acme' },
  ]);
});

it('never follows a redirect of the token request (it carries the secret)', async () => {
  const fetch: HaloFetch = async (url) => {
    if (url.endsWith('/api/authinfo')) return new Response('', { status: 404 });
    return new Response(null, { status: 307, headers: { location: '/auth/token2' } });
  };
  const halo = createHaloClient({ fetch, resolveHost: resolver });
  expect((await rejectionOf(halo.verify({ ...credentials, tenantId: 'acme' }))).code).toBe(
    'halo_url_refused',
  );
});
