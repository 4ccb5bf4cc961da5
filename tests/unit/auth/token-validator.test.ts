import { createDevIssuer, createTokenValidator, type FetchLike } from '../../../src/auth';
import { isAppError } from '../../../src/errors';
import { claims, makeKey, sign, TEST_AUDIENCE, TEST_CLIENT_ID, TEST_ISSUER, type TestKey } from '../../fixtures/auth/test-key-set';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const nowS = NOW / 1000;
const good = makeKey('good-kid');
const other = makeKey('other-kid');

function keySetFetch(keys: TestKey[]): FetchLike & { calls: number } {
  const fn = Object.assign(
    async () => {
      fn.calls += 1;
      return { ok: true, status: 200, json: async () => ({ keys: keys.map((k) => k.jwk) }) };
    },
    { calls: 0 },
  );
  return fn;
}

function validatorWith(fetch: FetchLike, now: () => number = () => NOW) {
  return createTokenValidator({ audience: [TEST_CLIENT_ID, TEST_AUDIENCE], issuer: TEST_ISSUER, jwksUrl: 'https://keys.test/jwks', fetch, now });
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; detail: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, detail: error.detail };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('createTokenValidator', () => {
  const validator = validatorWith(keySetFetch([good]));

  it('accepts a good token and returns tenant, object id and name', async () => {
    const caller = await validator.validate(`Bearer ${sign(good, claims({}, nowS))}`);
    expect(caller).toEqual({ entraTenantId: 'a1b2c3d4-0000-4000-8000-000000000001', entraObjectId: '11111111-1111-4111-8111-111111111111', name: 'Ada Admin' });
  });

  it.each([
    ['the App ID URI audience', { aud: TEST_AUDIENCE }],
    ['an audience array', { aud: ['someone-else', TEST_CLIENT_ID] }],
    ['another tenant (issuer follows tid)', { tid: 'b2b2b2b2-0000-4000-8000-000000000002' }],
    ['expiry within the clock skew', { exp: nowS - 30 }],
    ['several scopes', { scp: 'User.Read access_as_user' }],
    ['no name (falls back to preferred_username)', { name: undefined, preferred_username: 'ada@contoso.example' }],
  ])('accepts %s', async (_label, overrides) => {
    await expect(validator.validate(`Bearer ${sign(good, claims(overrides, nowS))}`)).resolves.toMatchObject({ entraObjectId: expect.any(String) });
  });

  const cases: [string, () => string | undefined, RegExp][] = [
    ['no header', () => undefined, /no bearer/],
    ['an empty bearer', () => 'Bearer ', /no bearer/],
    ['garbage', () => 'Bearer not-a-token', /parts/],
    ['an expired token', () => sign(good, claims({ exp: nowS - 600 }, nowS)), /expired/],
    ['a token without exp', () => sign(good, claims({ exp: undefined }, nowS)), /exp missing/],
    ['a token not valid yet', () => sign(good, claims({ nbf: nowS + 600 }, nowS)), /nbf/],
    ['a wrong audience', () => sign(good, claims({ aud: 'api://someone-else' }, nowS)), /audience/],
    ['a wrong issuer', () => sign(good, claims({ iss: 'https://evil.example/v2.0' }, nowS)), /issuer/],
    ['an issuer of another tenant', () => sign(good, claims({ iss: TEST_ISSUER.replace('{tenantid}', 'ffffffff-0000-4000-8000-000000000009') }, nowS)), /issuer/],
    ['a bad signature (other key, same kid)', () => sign(other, claims({}, nowS), { kid: good.kid }), /signature/],
    ['a tampered payload', () => tamper(sign(good, claims({}, nowS))), /signature/],
    ['alg none', () => sign(good, claims({}, nowS), { alg: 'none' }), /alg none/],
    ['alg HS256', () => sign(good, claims({}, nowS), { alg: 'HS256' }), /alg HS256/],
    ['no kid', () => sign(good, claims({}, nowS), { kid: undefined }), /no kid/],
    ['no scp', () => sign(good, claims({ scp: undefined }, nowS)), /scp/],
    ['scp without access_as_user', () => sign(good, claims({ scp: 'User.Read' }, nowS)), /scp/],
    ['no oid', () => sign(good, claims({ oid: undefined }, nowS)), /oid/],
    ['a blank tid', () => sign(good, claims({ tid: ' ' }, nowS)), /tid/],
  ];
  it.each(cases)('refuses %s as unauthenticated, with a log-only reason', async (_label, token, reason) => {
    const raw = token();
    const result = await refusal(validator.validate(raw === undefined ? undefined : raw.startsWith('Bearer') ? raw : `Bearer ${raw}`));
    expect(result.code).toBe('unauthenticated');
    expect(result.detail).toMatch(reason);
  });

  it('refetches the key set for an unknown kid at most once a minute', async () => {
    const keys = [good];
    const fetch = keySetFetch(keys);
    let now = NOW;
    const v = validatorWith(fetch, () => now);
    await v.validate(sign(good, claims({}, nowS)));
    expect(fetch.calls).toBe(1);
    const rotated = makeKey('rotated-kid');
    // unknown kid right after a fetch: no new request
    await expect(refusal(v.validate(sign(rotated, claims({}, nowS))))).resolves.toMatchObject({ detail: expect.stringMatching(/unknown signing key/) });
    await refusal(v.validate(sign(rotated, claims({}, nowS))));
    expect(fetch.calls).toBe(1);
    keys.push(rotated);
    now += 61_000;
    await expect(v.validate(sign(rotated, claims({}, now / 1000)))).resolves.toMatchObject({ name: 'Ada Admin' });
    expect(fetch.calls).toBe(2);
    // known kids never refetch
    await v.validate(sign(good, claims({}, now / 1000)));
    expect(fetch.calls).toBe(2);
  });

  it('shares one key set request among concurrent validations', async () => {
    const fetch = keySetFetch([good]);
    const v = validatorWith(fetch);
    await Promise.all(Array.from({ length: 5 }, () => v.validate(sign(good, claims({}, nowS)))));
    expect(fetch.calls).toBe(1);
  });

  it.each([
    ['an HTTP error', async () => ({ ok: false, status: 503, json: async () => ({}) })],
    ['a network failure', async () => Promise.reject(new TypeError('fetch failed'))],
    ['a body that is not a key set', async () => ({ ok: true, status: 200, json: async () => ({ nope: true }) })],
  ] as [string, FetchLike][])('reports an unreachable key set (%s) as auth_keys_unavailable, not as a bad token', async (_l, fetch) => {
    const result = await refusal(validatorWith(fetch).validate(sign(good, claims({}, nowS))));
    expect(result.code).toBe('auth_keys_unavailable');
  });
});

describe('createDevIssuer', () => {
  it('issues tokens the same validator accepts, and nothing else signs for its key', async () => {
    const issuer = createDevIssuer({ issuer: 'http://localhost:3978/dev-auth', audience: 'halo-import-dev', now: () => NOW });
    const v = createTokenValidator({
      audience: 'halo-import-dev',
      issuer: 'http://localhost:3978/dev-auth',
      jwksUrl: 'http://localhost:3978/dev-auth/keys',
      now: () => NOW,
      fetch: async () => ({ ok: true, status: 200, json: async () => issuer.jwks() }),
    });
    const token = issuer.issue({ oid: 'o-1', tid: 't-1', name: 'Ada Admin' });
    await expect(v.validate(`Bearer ${token}`)).resolves.toEqual({ entraTenantId: 't-1', entraObjectId: 'o-1', name: 'Ada Admin' });
    await expect(refusal(v.validate(tamper(token)))).resolves.toMatchObject({ code: 'unauthenticated' });
    const short = issuer.issue({ oid: 'o-1', tid: 't-1', name: 'Ada', ttlSeconds: 1 });
    const later = createTokenValidator({
      audience: 'halo-import-dev',
      issuer: 'http://localhost:3978/dev-auth',
      jwksUrl: 'x',
      now: () => NOW + 120_000,
      fetch: async () => ({ ok: true, status: 200, json: async () => issuer.jwks() }),
    });
    await expect(refusal(later.validate(short))).resolves.toMatchObject({ detail: expect.stringMatching(/expired/) });
  });

  it('publishes only public key material', () => {
    const issuer = createDevIssuer({ issuer: 'i', audience: 'a' });
    const [jwk] = issuer.jwks().keys;
    expect(Object.keys(jwk ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });
});

function tamper(token: string): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
  payload.oid = '33333333-3333-4333-8333-333333333333';
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}
