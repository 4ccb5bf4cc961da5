import { createHaloClient, type HaloFetch } from '../../../src/halo';
import { SANDBOX_GROUPS, startHaloSandbox, type HaloSandbox } from '../../../src/halo/sandbox';
import { createMemoryLogger } from '../../../src/logging';
import {
  fakeTime,
  recordingFetch,
  rejectionOf,
  sandboxConnection,
} from '../../fixtures/halo/halo-test-kit';

// The client secret may appear in exactly one place: the body of the token request. Not in a
// URL, a header, another body, an error message, an error detail or a log line.

let sandbox: HaloSandbox;

beforeEach(async () => {
  sandbox = await startHaloSandbox({ rateLimit: false });
});

afterEach(async () => {
  await sandbox.close();
});

function secretPlaces(
  requests: {
    method: string;
    url: string;
    headers: Readonly<Record<string, string>>;
    body: string | undefined;
  }[],
  secret: string,
) {
  return requests.flatMap((r, i) => [
    ...(r.url.includes(secret) ? [`url of request ${i}`] : []),
    ...(JSON.stringify(r.headers).includes(secret) ? [`headers of request ${i}`] : []),
    ...(r.body?.includes(secret) ? [`body of ${r.method} ${r.url.split('?')[0]}`] : []),
  ]);
}

it('sends the secret only in the token request body and never logs it or the token, through retries and a token refresh', async () => {
  const logger = createMemoryLogger();
  const time = fakeTime();
  const recorder = recordingFetch((_url, n) => {
    if (n === 5) sandbox.faults.expireTokens();
  });
  sandbox.faults.serverError(1, { path: '/api/users' });
  sandbox.faults.rateLimit(1, { path: '/api/users', retryAfterSeconds: 1 });
  const halo = createHaloClient({
    allowPrivateUrls: true,
    fetch: recorder.fetch,
    logger,
    now: time.now,
    sleep: time.sleep,
    concurrency: 2,
  });
  const connection = sandboxConnection(sandbox);

  await halo.listGroups(connection);
  expect(await halo.listUsers(connection, SANDBOX_GROUPS.globex)).toHaveLength(5000);

  const tokenRequests = recorder.requests.filter((r) => r.url.includes('/auth/token'));
  expect(tokenRequests).toHaveLength(2);
  expect(secretPlaces(recorder.requests, sandbox.clientSecret)).toEqual([
    `body of POST ${sandbox.url}/auth/token`,
    `body of POST ${sandbox.url}/auth/token`,
  ]);
  const bearers = new Set(recorder.requests.map((r) => r.headers.authorization).filter(Boolean));
  expect(bearers.size).toBe(2);
  const logs = logger.lines.join('\n');
  expect(logger.lines.length).toBeGreaterThan(50);
  expect(logs).not.toContain(sandbox.clientSecret);
  for (const bearer of bearers) expect(logs).not.toContain(String(bearer).replace('Bearer ', ''));
});

it('keeps the secret out of the error and the logs when HaloPSA refuses it', async () => {
  const logger = createMemoryLogger();
  const recorder = recordingFetch();
  const halo = createHaloClient({ allowPrivateUrls: true, fetch: recorder.fetch, logger });
  const wrong = 'wrong-secret-value-1234';
  const error = await rejectionOf(halo.verify(sandboxConnection(sandbox, { clientSecret: wrong })));
  expect(error.code).toBe('halo_invalid_client');
  expect(JSON.stringify({ message: error.message, detail: error.detail })).not.toContain(wrong);
  expect(logger.lines.join('\n')).not.toContain(wrong);
  expect(secretPlaces(recorder.requests, wrong)).toEqual([
    `body of POST ${sandbox.url}/auth/token`,
  ]);
});

it('scrubs a secret that HaloPSA echoes back in an error page', async () => {
  const secret = 'echoed-secret-5678';
  const logger = createMemoryLogger();
  const time = fakeTime();
  // no socket at all: a fake Halo whose token endpoint echoes the form it received
  const echoing: HaloFetch = async (url, init) => {
    if (url.endsWith('/api/authinfo')) return new Response('{}', { status: 404 });
    return new Response(`<html><body>Error for request ${init.body ?? ''}</body></html>`, {
      status: 500,
      headers: { 'content-type': 'text/html' },
    });
  };
  const halo = createHaloClient({
    allowPrivateUrls: true,
    fetch: echoing,
    logger,
    now: time.now,
    sleep: time.sleep,
    maxRetries: 1,
  });
  const error = await rejectionOf(
    halo.verify({
      tenantId: 'demo',
      clientId: 'id',
      clientSecret: secret,
      baseUrl: 'http://127.0.0.1:9',
    }),
  );
  expect(error.code).toBe('halo_server_error');
  expect(error.detail).toContain('[redacted]');
  expect(`${error.message} ${error.detail ?? ''}`).not.toContain(secret);
  expect(logger.lines.join('\n')).not.toContain(secret);
});
