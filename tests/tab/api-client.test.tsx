import { ApiClientError, createApiClient } from '../../tab/src/api/api-client';

type Call = { url: string; init: RequestInit };

function fakeFetch(answers: (Response | Error)[]): typeof fetch & { calls: Call[] } {
  const calls: Call[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no answer left');
    if (next instanceof Error) throw next;
    return next;
  }) as unknown as typeof fetch & { calls: Call[] };
  fn.calls = calls;
  return fn;
}

/** jsdom has no Response: the client only reads status, ok and json(). */
function answer(status: number, text: string): Response {
  return { status, ok: status >= 200 && status < 300, json: async () => JSON.parse(text) as unknown } as Response;
}
const json = (status: number, body: unknown) => answer(status, JSON.stringify(body));

describe('createApiClient', () => {
  it('sends a fresh bearer token and the Idempotency-Key, and parses the answer', async () => {
    const fetch = fakeFetch([
      json(201, { id: 'i', status: 'completed', teamId: 't x', groupId: 12, requestedBy: 'Ada', approvedBy: null, createdAt: 'c', completedAt: null, imported: [], skipped: [], failed: [] }),
    ]);
    let n = 0;
    const api = createApiClient({ getToken: async () => `tok-${++n}`, fetch });
    const record = await api.importUsers('t x', { groupId: 12, haloUserIds: [1, 2] }, 'key-9');
    expect(record.id).toBe('i');
    const { url, init } = fetch.calls[0] as Call;
    expect(url).toBe('/api/v1/teams/t%20x/imports');
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok-1', 'idempotency-key': 'key-9', 'content-type': 'application/json' });
    expect(JSON.parse(String(init.body))).toEqual({ groupId: 12, haloUserIds: [1, 2] });
  });

  it.each([
    ['an API error', json(403, { error: { code: 'reseller_admin_only', message: 'Only reseller admins can use HaloPSA import.' } }), 'reseller_admin_only', /Only reseller admins/],
    ['an HTML error page', answer(502, '<html>bad gateway</html>'), 'unexpected', /HTTP 502/],
    ['a network failure', new TypeError('Failed to fetch'), 'network', /could not be reached/],
    ['an answer of the wrong shape', json(200, { user: 'nope' }), 'unexpected', /does not understand/],
  ])('turns %s into plain words', async (_l, answer, code, message) => {
    const api = createApiClient({ getToken: async () => 't', fetch: fakeFetch([answer]) });
    const error = await api.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('says to reload when no token can be had', async () => {
    const api = createApiClient({ getToken: async () => Promise.reject(new Error('consent required')), fetch: fakeFetch([]) });
    await expect(api.teams()).rejects.toMatchObject({ code: 'sign_in_failed', message: expect.stringMatching(/Reload the tab/) });
  });
});
