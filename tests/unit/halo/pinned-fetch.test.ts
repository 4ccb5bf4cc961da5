import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { createPinnedFetch, type HaloFetchInit, type ResolveHost } from '../../../src/halo';

// The default transport: one lookup, vetted, and the socket goes to exactly that address.
// A TLS server on 127.0.0.1 plays acme.halopsa.com; its certificate is a test-only fixture.

const tls = path.join(__dirname, '../../fixtures/halo/tls');
const cert = readFileSync(path.join(tls, 'test-only-cert.pem'));
const key = readFileSync(path.join(tls, 'test-only-key.pem'));

let server: Server;
let port: number;
let connections = 0;
const seen: { servername: string | false | null; url: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer({ key, cert }, (req, res) => {
    seen.push({ servername: (req.socket as TLSSocket).servername, url: req.url });
    // not chained: restify (loaded by other test files in this worker) patches writeHead to return nothing
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  });
  server.on('connection', (_s: Socket) => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const init = (): HaloFetchInit => ({
  method: 'GET',
  headers: { accept: 'application/json' },
  signal: AbortSignal.timeout(5000),
  redirect: 'manual',
});
const noDns: ResolveHost = () => {
  throw new Error('the system resolver must not be asked');
};

it('connects to the address it vetted, with TLS checked against the host name', async () => {
  const asked: string[] = [];
  const pinned = createPinnedFetch({
    resolveHost: noDns,
    ca: cert,
    addressesFor: async (host) => {
      asked.push(host);
      return [{ address: '127.0.0.1', family: 4 }];
    },
  });
  const res = await pinned(`https://acme.halopsa.com:${port}/api/authinfo?x=1`, init());
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
  expect(asked).toEqual(['acme.halopsa.com']);
  expect(seen.at(-1)).toEqual({ servername: 'acme.halopsa.com', url: '/api/authinfo?x=1' });
});

it('still refuses a certificate that does not name the host', async () => {
  const pinned = createPinnedFetch({
    resolveHost: noDns,
    ca: cert,
    addressesFor: async () => [{ address: '127.0.0.1', family: 4 }],
  });
  await expect(pinned(`https://other.halopsa.com:${port}/api/authinfo`, init())).rejects.toThrow(
    /other\.halopsa\.com/,
  );
});

it.each([
  ['a private address', '10.0.0.1'],
  ['the metadata address', '169.254.169.254'],
  ['loopback', '127.0.0.1'],
])('refuses a name resolving to %s before any connection', async (_name, address) => {
  const before = connections;
  const pinned = createPinnedFetch({ resolveHost: async () => [{ address, family: 4 }], ca: cert });
  await expect(
    pinned(`https://acme.halopsa.com:${port}/api/authinfo`, init()),
  ).rejects.toMatchObject({ code: 'halo_url_refused' });
  expect(connections).toBe(before);
});

it('refuses plain http', async () => {
  const pinned = createPinnedFetch({ resolveHost: noDns });
  await expect(pinned('http://acme.halopsa.com/api/authinfo', init())).rejects.toMatchObject({
    code: 'halo_url_refused',
  });
});
