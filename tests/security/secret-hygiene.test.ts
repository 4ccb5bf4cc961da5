import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { previewSchema } from '../../src/contracts';
import { createHaloClient, type HaloFetch } from '../../src/halo';
import { SANDBOX_CREDENTIALS, SANDBOX_GROUPS } from '../../src/halo/sandbox';
import { USERS, invoke, message, type Where } from '../fixtures/bot/bot-client';
import { executeActions, inputs } from '../fixtures/bot/validate-card';
import { isLoopbackHost, loopbackOnlyResolver, startSecurityApp, tableRows, type SecurityApp } from '../fixtures/security/security-app';

// A full journey (connect HaloPSA, load groups, preview, import; through the API and through the
// bot, with a refused secret and a HaloPSA outage on the way) with distinctive secrets, then a
// byte search for each secret, in every encoding it could leak in, through the SQLite files
// (WAL included, while running and after close), every log line, every API answer, every bot
// reply and every message the bot sent to the Bot Connector.

jest.setTimeout(90_000);

// '+', '/', '=', '"', '€' make the URL-encoded, base64, JSON-escaped and UTF-8 forms all differ
const SECRET = 'Hx7+Distinct/Halo"Secret=€91f3';
const SECRET_BOT = 'Bot+Side/Secret"Q4=€d21e';
const WRONG = 'Wrong+Try/Secret"Z8=€a0c9';
const SECRETS = [SECRET, SECRET_BOT, WRONG, SANDBOX_CREDENTIALS.clientSecret];

/** Every form a secret could take in a byte stream: raw, URL-encoded, JSON-escaped, hex, base64. */
function needles(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out = new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1), bytes.toString('hex')]);
  // base64 of the secret inside a longer value depends on its alignment: keep, for each of the
  // three alignments, only the characters the secret's bytes alone decide
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const core = padded.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + bytes.length) * 8) / 6));
    out.add(core);
    out.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...out];
}

/** Which needles of which secret occur in `haystack` (latin1 keeps every byte as one char). */
function leaks(where: string, haystack: string): string[] {
  return SECRETS.flatMap((secret) => needles(secret).filter((n) => haystack.includes(n)).map((n) => `${where}: ${JSON.stringify(n)}`));
}

function dataFiles(dir: string): [string, string][] {
  return fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('latin1')]);
}

/** A loopback-only transport that stands in the sandbox's secret for the distinctive ones. */
function swappingFetch(): HaloFetch & { secretSentTo: string[] } {
  const secretSentTo: string[] = [];
  const f: HaloFetch = (url, init) => {
    if (!isLoopbackHost(new URL(url).hostname)) throw new Error(`test transport refuses ${url}`);
    let body = init.body;
    if (body !== undefined) {
      const form = new URLSearchParams(body);
      const sent = form.get('client_secret');
      if (sent !== null) {
        secretSentTo.push(`${init.method} ${new URL(url).pathname}`);
        if (sent === SECRET || sent === SECRET_BOT) form.set('client_secret', SANDBOX_CREDENTIALS.clientSecret);
        body = form.toString();
      }
    }
    for (const s of [SECRET, SECRET_BOT, WRONG]) {
      if (url.includes(encodeURIComponent(s)) || JSON.stringify(init.headers).includes(s)) secretSentTo.push(`URL or header of ${url}`);
    }
    return globalThis.fetch(url, { ...init, body });
  };
  return Object.assign(f, { secretSentTo });
}

let s: SecurityApp;
const transport = swappingFetch();
let where: Where;

beforeAll(async () => {
  s = await startSecurityApp({
    halo: (logger) =>
      createHaloClient({ allowPrivateUrls: true, resolveHost: loopbackOnlyResolver, fetch: transport, logger, backoff: { baseMs: 1, rateLimitBaseMs: 1 } }),
  });
  where = { serviceUrl: s.connector.url };
});

afterAll(async () => {
  await s?.close();
});

const connection = (clientSecret: string) => ({ tenantId: s.app.sandbox!.tenant, clientId: s.app.sandbox!.clientId, clientSecret, baseUrl: s.app.sandbox!.url });

describe('the journey, with distinctive secrets', () => {
  it('API: refuses a wrong secret, survives a HaloPSA outage, then connects', async () => {
    const ada = s.token('ada');
    expect((await s.api('PUT', '/halo/connection', { token: ada, body: JSON.stringify(connection(WRONG)) })).status).toBe(422);
    s.app.sandbox!.faults.serverError(10, { path: '/auth/token' });
    expect((await s.api('PUT', '/halo/connection', { token: ada, body: JSON.stringify(connection(SECRET)) })).status).toBe(502);
    s.app.sandbox!.faults.reset();
    expect((await s.api('PUT', '/halo/connection', { token: ada, body: JSON.stringify(connection(SECRET)) })).status).toBe(200);
  });

  it('API: reads the connection, loads groups, previews, imports, reads the import back', async () => {
    const ada = s.token('ada');
    for (const p of ['/me', '/teams', '/halo/connection', '/halo/groups']) expect((await s.api('GET', p, { token: ada })).status).toBe(200);
    const preview = previewSchema.parse((await s.api('GET', `/teams/team-x/preview?groupId=${SANDBOX_GROUPS.acme}`, { token: ada })).json);
    const ids = preview.users.filter((u) => u.status === 'importable').slice(0, 3).map((u) => u.haloId);
    const created = await s.api('POST', '/teams/team-x/imports', { token: ada, body: JSON.stringify({ groupId: SANDBOX_GROUPS.acme, haloUserIds: ids }), headers: { 'idempotency-key': randomUUID() } });
    expect(created.status).toBe(201);
    const id = (created.json as { id: string }).id;
    for (const p of [`/imports/${id}`, '/teams/team-x/imports', '/teams/team-x/members']) expect((await s.api('GET', p, { token: ada })).status).toBe(200);
  });

  it('bot: asks in a channel (continuing in 1:1), saves in 1:1, and goes all the way to an approved import', async () => {
    const card = (answer: { body: Record<string, unknown> }) => (answer.body as { value: Record<string, unknown> }).value;
    expect((await s.bot(message(USERS.ada, 'import halo users to Fabrikam', { ...where, scope: 'channel' }))).status).toBe(200);
    const asked = await s.bot(invoke(USERS.ada, 'halo.changeCredentials', { teamId: 'team-fabrikam' }, { ...where, scope: 'channel' }));
    expect(JSON.stringify(asked.body)).toContain('1:1 chat');
    // a secret typed into a channel card is not saved there: the bot moves to the 1:1 chat
    const inChannel = await s.bot(invoke(USERS.ada, 'halo.saveCredentials', { teamId: 'team-fabrikam', ...connection(SECRET_BOT) }, { ...where, scope: 'channel' }));
    expect(JSON.stringify(inChannel.body)).toContain('1:1 chat');
    await s.bot(invoke(USERS.ada, 'halo.saveCredentials', { teamId: 'team-fabrikam', ...connection(WRONG) }, where));
    const groups = card(await s.bot(invoke(USERS.ada, 'halo.saveCredentials', { teamId: 'team-fabrikam', ...connection(SECRET_BOT) }, where)));
    expect(inputs(groups).get('groupId')).toBeDefined();
    const change = card(await s.bot(invoke(USERS.ada, 'halo.changeCredentials', { teamId: 'team-fabrikam' }, where)));
    expect(inputs(change).get('clientSecret')).not.toHaveProperty('value');
    const users = card(await s.bot(invoke(USERS.ada, 'halo.loadUsers', { teamId: 'team-fabrikam', groupId: String(SANDBOX_GROUPS.fabrikam) }, where)));
    const userIds = String(inputs(users).get('userIds')?.value ?? '').split(',').slice(0, 2).join(',');
    const approval = card(await s.bot(invoke(USERS.ada, 'halo.requestImport', { teamId: 'team-fabrikam', groupId: SANDBOX_GROUPS.fabrikam, page: 1, userIds }, where)));
    const draftId = executeActions(approval).find((a) => a.verb === 'halo.approveImport')?.data.draftId;
    const result = card(await s.bot(invoke(USERS.ada, 'halo.approveImport', { draftId }, where)));
    expect(JSON.stringify(result)).toMatch(/Imported 2 users/);
    await s.bot(message(USERS.ada, 'status', where));
  });

  it('sent each secret only in the body of token requests', () => {
    expect(transport.secretSentTo.length).toBeGreaterThan(0);
    expect(new Set(transport.secretSentTo)).toEqual(new Set(['POST /auth/token']));
  });
});

describe('nowhere to be found afterwards', () => {
  it('has a needle search that finds what it looks for (so the searches below can fail)', () => {
    const b64 = Buffer.from(`xx${SECRET}yy`).toString('base64');
    expect(leaks('probe', b64).length).toBeGreaterThan(0);
    expect(leaks('probe', `a=${encodeURIComponent(SECRET)}`).length).toBeGreaterThan(0);
    expect(leaks('probe', JSON.stringify({ s: SECRET }))).not.toEqual([]);
  });

  it('not in any API answer or bot reply', () => {
    expect(s.seen.length).toBeGreaterThan(15);
    expect(s.seen.flatMap((body, i) => leaks(`answer ${i}`, body))).toEqual([]);
  });

  it('not in anything the bot sent to the Bot Connector', () => {
    expect(s.connector.calls.length).toBeGreaterThan(0);
    expect(s.connector.calls.flatMap((c, i) => leaks(`connector call ${i} ${c.path}`, JSON.stringify(c.body)))).toEqual([]);
  });

  it('not in any log line', () => {
    expect(s.logger.lines.length).toBeGreaterThan(20);
    expect(s.logger.lines.flatMap((l, i) => leaks(`log line ${i}`, l))).toEqual([]);
  });

  it('not in the database files while the app runs (WAL included), nor after a clean close', async () => {
    const running = dataFiles(s.dataDir);
    expect(running.map(([f]) => f)).toEqual(expect.arrayContaining(['halo-import.db', 'halo-import.db-wal']));
    expect(running.flatMap(([f, bytes]) => leaks(f, bytes))).toEqual([]);
    // the stored secret is there, encrypted: the database does hold a connection row
    const stored = tableRows(s.dbFile, 'halo_connections');
    expect(stored).toHaveLength(1);
    expect(String(stored[0]!.secret_ciphertext)).toMatch(/^v1\./);
    await s.stopApp();
    const closed = dataFiles(s.dataDir);
    expect(closed.flatMap(([f, bytes]) => leaks(`${f} after close`, bytes))).toEqual([]);
  });
});
