import { loadConfig } from '../../../src/config';
import { isAppError } from '../../../src/errors';

const KEY = Buffer.alloc(32, 7).toString('base64');
const devKey = () => KEY;

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('builds a self-contained demo config from an empty environment', () => {
    const c = loadConfig({}, { readOrCreateDevKey: devKey, demoSeedFile: '/seed.json' });
    expect(c).toMatchObject({
      production: false,
      port: 3978,
      publicUrl: 'http://localhost:3978',
      database: { kind: 'sqlite' },
      seedFile: '/seed.json',
      auth: { mode: 'dev' },
      halo: { allowPrivateUrls: true, sandbox: true, scope: 'all', rateLimit: { requests: 300, windowMs: 300_000 } },
    });
    expect(c.secrets.generated).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.halo.rateLimit)).toBe(true);
  });

  it('is strict in production', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      SECRET_KEY: KEY,
      AUTH_CLIENT_ID: 'app',
      BOT_ID: 'bot',
      BOT_PASSWORD: 'pw',
    });
    expect(c).toMatchObject({
      production: true,
      seedFile: undefined,
      auth: { mode: 'entra', issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' },
      halo: { allowPrivateUrls: false, sandbox: false },
    });
  });

  it.each`
    value    | expected
    ${'true'} | ${true}
    ${'FALSE'} | ${false}
    ${'1'}    | ${true}
    ${'0'}    | ${false}
    ${'Yes'}  | ${true}
    ${'no'}   | ${false}
  `('reads HALO_SANDBOX=$value as $expected', ({ value, expected }) => {
    expect(loadConfig({ HALO_SANDBOX: value }, { readOrCreateDevKey: devKey }).halo.sandbox).toBe(expected);
  });

  it.each`
    env                                                 | message
    ${{ HALO_SANDBOX: 'maybe' }}                        | ${/HALO_SANDBOX must be true or false/}
    ${{ PORT: 'eighty' }}                               | ${/PORT must be a whole number/}
    ${{ PORT: '70000' }}                                | ${/PORT must be a whole number/}
    ${{ DATABASE_URL: 'mysql://x' }}                    | ${/DATABASE_URL must start with sqlite:/}
    ${{ SECRET_KEY: 'c2hvcnQ=' }}                       | ${/SECRET_KEY must be base64 of exactly 32 bytes/}
    ${{ AUTH_MODE: 'magic' }}                           | ${/AUTH_MODE must be dev or entra/}
    ${{ NODE_ENV: 'production' }}                       | ${/BOT_ID is required/}
    ${{ NODE_ENV: 'production', AUTH_MODE: 'dev' }}     | ${/AUTH_MODE=dev is refused/}
    ${{ NODE_ENV: 'production', BOT_ID: 'b', BOT_PASSWORD: 'p', AUTH_CLIENT_ID: 'a' }} | ${/SECRET_KEY is required/}
  `('refuses $env with a message naming the variable', ({ env, message }) => {
    expect(errorOf(() => loadConfig(env, { readOrCreateDevKey: devKey }))).toMatch(message);
  });

  it('reads the interactive HaloPSA wait budget and the preview cache lifetime in seconds', () => {
    const c = loadConfig({ HALO_INTERACTIVE_WAIT_SECONDS: '2', PREVIEW_CACHE_SECONDS: '0' }, { readOrCreateDevKey: devKey });
    expect(c.halo.interactiveWaitMs).toBe(2000);
    expect(c.previewCache.ttlMs).toBe(0);
    expect(loadConfig({}, { readOrCreateDevKey: devKey })).toMatchObject({ halo: { interactiveWaitMs: 5000 }, previewCache: { ttlMs: 30_000 } });
  });

  it('parses database URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }, { readOrCreateDevKey: devKey }).database).toEqual({
      kind: 'sqlite',
      filename: ':memory:',
    });
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }, { readOrCreateDevKey: devKey }).database,
    ).toEqual({ kind: 'postgres', url: 'postgres://u@127.0.0.1:5432/db' });
  });

  it('gives each key a stable id for rotation', () => {
    const prev = Buffer.alloc(32, 9).toString('base64');
    const c = loadConfig({ SECRET_KEY: KEY, SECRET_KEY_PREVIOUS: prev });
    expect(c.secrets.current.id).toMatch(/^[0-9a-f]{12}$/);
    expect(c.secrets.previous?.id).not.toBe(c.secrets.current.id);
    expect(loadConfig({ SECRET_KEY: KEY }).secrets.current.id).toBe(c.secrets.current.id);
  });
});
