import { createApiHandler, type ApiRequest } from '../../../src/api';
import type { TokenValidator } from '../../../src/auth';
import { AppError } from '../../../src/errors';
import { createMemoryLogger } from '../../../src/logging';
import { FakeService, HALO_SECRET, IDS } from './fake-service';

/** Tokens are just the object id here: signature checks have their own tests. */
const validator: TokenValidator = {
  async validate(bearer) {
    const oid = bearer?.replace(/^Bearer /, '');
    if (!oid) throw new AppError('unauthenticated', { detail: 'no bearer token' });
    return { entraTenantId: IDS.tid, entraObjectId: oid, name: 'x' };
  },
};

function setup(options: { rateLimit?: { capacity: number; refillPerSecond: number }; now?: () => number } = {}) {
  const service = new FakeService();
  const logger = createMemoryLogger();
  const handle = createApiHandler({ service, validator, logger, clock: options.now, rateLimit: options.rateLimit });
  const call = async (method: string, path: string, init: { as?: string; body?: unknown; raw?: Buffer; headers?: Record<string, string>; query?: Record<string, string> } = {}) => {
    const body = init.raw ?? (init.body === undefined ? undefined : Buffer.from(JSON.stringify(init.body)));
    const req: ApiRequest = {
      method,
      path,
      query: init.query ?? {},
      headers: {
        ...(init.as === undefined ? {} : { authorization: `Bearer ${init.as}` }),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body,
    };
    const res = await handle(req);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary answer JSON
    return { ...res, json: res.body === undefined ? undefined : (JSON.parse(res.body) as Record<string, any>) };
  };
  return { service, logger, call };
}

const CREDS = { tenantId: 'demo', clientId: 'halo-import-demo', clientSecret: HALO_SECRET };

describe('createApiHandler', () => {
  it('answers GET /me from the store, not from the token', async () => {
    const { call } = setup();
    const res = await call('GET', '/api/v1/me', { as: IDS.carl });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ user: { name: 'Carl Client', role: 'client_admin' }, reseller: { id: 'contoso-msp', name: 'Contoso MSP' } });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['GET', '/api/v1/nope'],
    ['GET', '/api/v1'],
    ['PATCH', '/api/v1/me'],
    ['POST', '/api/v1/me'],
    ['GET', '/api/v2/me'],
    ['GET', '/api/v1/teams/team-x/preview/extra'],
  ])('%s %s is 404 route_not_found', async (method, path) => {
    const res = await setup().call(method, path, { as: IDS.ada });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: 'route_not_found', message: expect.any(String) } });
  });

  it.each([
    ['GET', '/api/v1/halo/connection'],
    ['PUT', '/api/v1/halo/connection'],
    ['DELETE', '/api/v1/halo/connection'],
    ['GET', '/api/v1/halo/groups'],
    ['GET', '/api/v1/teams/team-x/preview'],
    ['POST', '/api/v1/teams/team-x/imports'],
    ['GET', '/api/v1/teams/team-x/imports'],
    ['GET', '/api/v1/imports/imp-1'],
  ])('refuses a client admin on %s %s with 403 and says who can', async (method, path) => {
    const { call, service } = setup();
    const res = await call(method, path, { as: IDS.carl, body: { groupId: 12, haloUserIds: [501] }, headers: { 'idempotency-key': 'k1' }, query: { groupId: '12' } });
    expect(res.status).toBe(403);
    expect(res.json?.error.code).toBe('reseller_admin_only');
    expect(res.json?.error.message).toMatch(/reseller admins/);
    expect(service.calls).toEqual([]);
  });

  it('lets a client admin read only their own Team and its members', async () => {
    const { call } = setup();
    expect((await call('GET', '/api/v1/teams', { as: IDS.carl })).json).toEqual({ teams: [{ id: 'team-x', name: 'Team X', memberCount: 1, maxUsers: 500 }] });
    expect((await call('GET', '/api/v1/teams/team-x/members', { as: IDS.carl })).status).toBe(200);
    expect((await call('GET', '/api/v1/teams/team-nw/members', { as: IDS.carl })).status).toBe(404);
  });

  it.each([
    ['preview', 'GET', '/api/v1/teams/team-nw/preview'],
    ['members', 'GET', '/api/v1/teams/team-nw/members'],
    ['imports', 'GET', '/api/v1/teams/team-nw/imports'],
    ['new import', 'POST', '/api/v1/teams/team-nw/imports'],
  ])("answers 404 for another reseller's Team (%s)", async (_l, method, path) => {
    const res = await setup().call(method, path, { as: IDS.ada, query: { groupId: '12' }, body: { groupId: 12, haloUserIds: [501] }, headers: { 'idempotency-key': 'k' } });
    expect(res.status).toBe(404);
    expect(res.json?.error.code).toBe('not_found');
  });

  it('answers 403 unknown_caller for a valid token of someone not in the store', async () => {
    const res = await setup().call('GET', '/api/v1/me', { as: IDS.uma });
    expect(res).toMatchObject({ status: 403, json: { error: { code: 'unknown_caller' } } });
  });

  it('answers 401 with WWW-Authenticate when there is no token, before touching the service', async () => {
    const { call, service } = setup();
    const res = await call('GET', '/api/v1/teams');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(service.calls).toEqual([]);
  });

  describe('HaloPSA connection', () => {
    it('stores, shows without the secret, and removes', async () => {
      const { call, logger } = setup();
      const put = await call('PUT', '/api/v1/halo/connection', { as: IDS.ada, body: { ...CREDS, baseUrl: '' } });
      expect(put.status).toBe(200);
      expect(put.json).toEqual({ configured: true, tenantId: 'demo', clientId: 'halo-import-demo', baseUrl: null, updatedAt: expect.any(String), updatedBy: 'Ada Admin' });
      const get = await call('GET', '/api/v1/halo/connection', { as: IDS.ada });
      expect(get.body).not.toContain(HALO_SECRET);
      expect(get.json?.configured).toBe(true);
      expect((await call('DELETE', '/api/v1/halo/connection', { as: IDS.ada })).status).toBe(204);
      expect((await call('GET', '/api/v1/halo/connection', { as: IDS.ada })).json?.configured).toBe(false);
      expect(logger.lines.join('\n')).not.toContain(HALO_SECRET);
    });

    it.each([
      ['no body', undefined, /JSON body/],
      ['a missing client id', { tenantId: 'demo', clientSecret: 's' }, /clientId/],
      ['an empty secret', { ...CREDS, clientSecret: '' }, /clientSecret: Client Secret is required/],
      ['a number as tenant', { ...CREDS, tenantId: 7 }, /tenantId/],
      ['an array', [], /body/],
    ])('refuses %s with 400 naming the field', async (_l, body, message) => {
      const res = await setup().call('PUT', '/api/v1/halo/connection', { as: IDS.ada, body });
      expect(res.status).toBe(400);
      expect(res.json?.error).toEqual({ code: 'bad_request', message: expect.stringMatching(message) });
    });

    it('refuses unparsable JSON and a non-JSON content type with 400', async () => {
      const { call } = setup();
      const broken = await call('PUT', '/api/v1/halo/connection', { as: IDS.ada, raw: Buffer.from('{"tenantId": ') });
      expect(broken.status).toBe(400);
      expect(broken.json?.error.message).toMatch(/not valid JSON/);
      const form = await call('PUT', '/api/v1/halo/connection', { as: IDS.ada, raw: Buffer.from('a=b'), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.status).toBe(400);
      expect(form.json?.error.message).toMatch(/Content-Type: application\/json/);
    });

    it("passes HaloPSA's refusal on as 422 with its plain words, never echoing the secret", async () => {
      const { call, service } = setup();
      service.failNext = new AppError('halo_invalid_client', { detail: `HTTP 401 for ${HALO_SECRET}` });
      const res = await call('PUT', '/api/v1/halo/connection', { as: IDS.ada, body: CREDS });
      expect(res.status).toBe(422);
      expect(res.json?.error.code).toBe('halo_invalid_client');
      expect(res.body).not.toContain(HALO_SECRET);
    });

    it('passes a HaloPSA rate limit on as 429 with Retry-After', async () => {
      const { call, service } = setup();
      service.failNext = new AppError('halo_rate_limited', { retryAfterSeconds: 42 });
      const res = await call('GET', '/api/v1/halo/groups', { as: IDS.ada });
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('42');
    });
  });

  describe('preview', () => {
    it('returns the contract shape', async () => {
      const res = await setup().call('GET', '/api/v1/teams/team-x/preview', { as: IDS.ada, query: { groupId: '12' } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ breadcrumbs: ['Contoso MSP', 'Team X'], group: { id: 12 }, counts: { importable: 1 } });
    });

    it.each([[undefined], ['abc'], ['-1'], ['0'], ['1.5'], ['99999999999']])('refuses groupId=%s with 400', async (groupId) => {
      const res = await setup().call('GET', '/api/v1/teams/team-x/preview', { as: IDS.ada, query: groupId === undefined ? {} : { groupId } });
      expect(res.status).toBe(400);
      expect(res.json?.error.message).toMatch(/groupId/);
    });

    it('treats an id with odd characters as not found', async () => {
      const res = await setup().call('GET', '/api/v1/teams/%3Cscript%3E/preview', { as: IDS.ada, query: { groupId: '12' } });
      expect(res.status).toBe(404);
    });
  });

  describe('imports', () => {
    const body = { groupId: 12, haloUserIds: [501, 502, 999] };

    it('requires an Idempotency-Key (400) and imports with one (201)', async () => {
      const { call, service } = setup();
      const missing = await call('POST', '/api/v1/teams/team-x/imports', { as: IDS.ada, body });
      expect(missing.status).toBe(400);
      expect(missing.json?.error.code).toBe('idempotency_key_missing');
      expect(service.calls).toEqual([]);
      const created = await call('POST', '/api/v1/teams/team-x/imports', { as: IDS.ada, body, headers: { 'idempotency-key': 'key-1' } });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        status: 'completed',
        teamId: 'team-x',
        groupId: 12,
        requestedBy: 'Ada Admin',
        imported: [{ haloId: 501 }],
        skipped: [{ haloId: 502, status: 'member' }],
        failed: [{ haloId: 999, reason: 'not in this HaloPSA group' }],
      });
      expect(service.calls.at(-1)?.args[0]).toEqual({ teamId: 'team-x', groupId: 12, haloUserIds: [501, 502, 999], idempotencyKey: 'key-1' });
    });

    it('answers the same key again with the same record, and a reused key with other users with 409', async () => {
      const { call } = setup();
      const first = await call('POST', '/api/v1/teams/team-x/imports', { as: IDS.ada, body, headers: { 'idempotency-key': 'key-2' } });
      const again = await call('POST', '/api/v1/teams/team-x/imports', { as: IDS.ada, body, headers: { 'idempotency-key': 'key-2' } });
      expect(again.json).toEqual(first.json);
      const other = await call('POST', '/api/v1/teams/team-x/imports', { as: IDS.ada, body: { groupId: 12, haloUserIds: [501] }, headers: { 'idempotency-key': 'key-2' } });
      expect(other.status).toBe(409);
      expect(other.json?.error.code).toBe('idempotency_key_reused');
      const id = first.json?.id as string;
      expect((await call('GET', `/api/v1/imports/${id}`, { as: IDS.ada })).json).toEqual(first.json);
      expect((await call('GET', `/api/v1/imports/${id}`, { as: IDS.nora })).status).toBe(404);
      expect((await call('GET', '/api/v1/teams/team-x/imports', { as: IDS.ada })).json).toEqual({ imports: [first.json] });
    });

    it.each([
      ['no users', { groupId: 12, haloUserIds: [] }, /Select at least one user/],
      ['a string id', { groupId: 12, haloUserIds: ['501'] }, /haloUserIds/],
      ['no group', { haloUserIds: [501] }, /groupId/],
    ])('refuses %s with 400', async (_l, b, message) => {
      const res = await setup().call('POST', '/api/v1/teams/team-x/imports', { as: IDS.ada, body: b, headers: { 'idempotency-key': 'k' } });
      expect(res.status).toBe(400);
      expect(res.json?.error.message).toMatch(message);
    });

    it.each([['a space in it', 'a b'], ['too long', 'x'.repeat(201)]])('refuses an Idempotency-Key with %s', async (_l, key) => {
      const res = await setup().call('POST', '/api/v1/teams/team-x/imports', { as: IDS.ada, body, headers: { 'idempotency-key': key } });
      expect(res.status).toBe(400);
      expect(res.json?.error.message).toMatch(/Idempotency-Key/);
    });

    it('refuses a body over 1 MiB with 413 before reading the token', async () => {
      const { call } = setup();
      const res = await call('POST', '/api/v1/teams/team-x/imports', { raw: Buffer.alloc(1024 * 1024 + 1, 0x20) });
      expect(res.status).toBe(413);
      expect(res.json?.error.code).toBe('payload_too_large');
    });
  });

  it('rate-limits per caller with 429 and Retry-After, and other callers go on', async () => {
    let now = 1_000_000;
    const { call } = setup({ rateLimit: { capacity: 3, refillPerSecond: 1 }, now: () => now });
    for (let i = 0; i < 3; i += 1) expect((await call('GET', '/api/v1/me', { as: IDS.ada })).status).toBe(200);
    const limited = await call('GET', '/api/v1/me', { as: IDS.ada });
    expect(limited.status).toBe(429);
    expect(limited.json?.error.code).toBe('rate_limited');
    expect(limited.headers['retry-after']).toBe('1');
    expect((await call('GET', '/api/v1/me', { as: IDS.nora })).status).toBe(200);
    now += 1000;
    expect((await call('GET', '/api/v1/me', { as: IDS.ada })).status).toBe(200);
  });

  it('maps an unexpected error to 500 internal without its text, and logs the detail', async () => {
    const { call, service, logger } = setup();
    service.failNext = new TypeError('db exploded at /var/secret/path') as unknown as AppError;
    const res = await call('GET', '/api/v1/halo/groups', { as: IDS.ada });
    expect(res.status).toBe(500);
    expect(res.json?.error.code).toBe('internal');
    expect(res.body).not.toContain('exploded');
    expect(logger.lines.join('\n')).toContain('db exploded');
  });
});
