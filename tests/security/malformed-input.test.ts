import { randomUUID } from 'node:crypto';
import { apiErrorSchema } from '../../src/contracts';
import { SANDBOX_GROUPS } from '../../src/halo/sandbox';
import { USERS, invoke, message } from '../fixtures/bot/bot-client';
import { cardText } from '../fixtures/bot/validate-card';
import { startSecurityApp, type SecurityApp } from '../fixtures/security/security-app';

// Bad input on every body-taking endpoint and every bot verb: a clear 400/413 (or an error
// card) in the documented shape, never a 5xx, never a crash, nothing stored.

jest.setTimeout(60_000);

let s: SecurityApp;
const MiB = 1024 * 1024;
const SECRET = 'malformed-secret-Q7';

beforeAll(async () => {
  s = await startSecurityApp();
  // a stored connection, so the import endpoint gets as far as its body
  const sb = s.app.sandbox!;
  const put = await s.api('PUT', '/halo/connection', {
    token: s.token('ada'),
    body: JSON.stringify({ tenantId: sb.tenant, clientId: sb.clientId, clientSecret: sb.clientSecret, baseUrl: sb.url }),
  });
  expect(put.status).toBe(200);
});

afterAll(async () => {
  await s?.close();
});

/** Sends raw bytes; `contentType` null sends none. */
async function raw(method: string, path: string, body: string | Buffer | undefined, options: { contentType?: string | null; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${s.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${s.token('ada')}`,
      ...(options.contentType === null ? {} : { 'content-type': options.contentType ?? 'application/json' }),
      ...options.headers,
    },
    body,
  });
  const text = await res.text();
  s.seen.push(text);
  return { status: res.status, text, json: text ? (JSON.parse(text) as unknown) : undefined };
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

interface BadBody {
  readonly name: string;
  readonly body: string | Buffer | undefined;
  readonly contentType?: string | null;
  readonly status: number;
  readonly code: string;
  /** words the message must contain (names the field, says what to do) */
  readonly says?: RegExp;
}

/** Bodies every body-taking endpoint must refuse the same way. */
const COMMON: readonly BadBody[] = [
  { name: 'no body', body: undefined, status: 400, code: 'bad_request', says: /JSON body/ },
  { name: 'an empty body', body: '', status: 400, code: 'bad_request', says: /JSON body/ },
  { name: 'truncated JSON', body: '{"groupId":', status: 400, code: 'bad_request', says: /not valid JSON/ },
  { name: 'single quotes', body: "{'groupId': 12}", status: 400, code: 'bad_request', says: /not valid JSON/ },
  { name: 'a byte-order mark before the JSON', body: `\ufeff{"groupId":12}`, status: 400, code: 'bad_request' },
  { name: 'invalid UTF-8 bytes', body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), status: 400, code: 'bad_request', says: /not valid JSON/ },
  { name: 'text/plain', body: '{"groupId":12}', contentType: 'text/plain', status: 400, code: 'bad_request', says: /Content-Type: application\/json/ },
  { name: 'no content type', body: '{"groupId":12}', contentType: null, status: 400, code: 'bad_request', says: /Content-Type/ },
  { name: 'a form body', body: 'groupId=12', contentType: 'application/x-www-form-urlencoded', status: 400, code: 'bad_request' },
  { name: 'JSON null', body: 'null', status: 400, code: 'bad_request', says: /not valid/ },
  { name: 'a JSON array', body: '[]', status: 400, code: 'bad_request', says: /not valid/ },
  { name: 'a JSON string', body: '"x"', status: 400, code: 'bad_request', says: /not valid/ },
  { name: 'a JSON number', body: '12', status: 400, code: 'bad_request', says: /not valid/ },
  { name: 'arrays nested 100,000 deep', body: nested(100_000), status: 400, code: 'bad_request' },
  { name: 'just over 1 MiB of whitespace', body: `{${' '.repeat(MiB)}}`, status: 413, code: 'payload_too_large' },
  { name: '12 MiB (past the hard limit)', body: Buffer.alloc(12 * MiB, 0x20), status: 413, code: 'payload_too_large' },
];

const CONNECTION: readonly BadBody[] = [
  { name: 'wrong types', body: JSON.stringify({ tenantId: 1, clientId: [], clientSecret: {} }), status: 400, code: 'bad_request', says: /clientId/ },
  { name: 'no client id', body: JSON.stringify({ tenantId: 'demo', clientSecret: SECRET }), status: 400, code: 'bad_request', says: /clientId/ },
  { name: 'a blank client id', body: JSON.stringify({ tenantId: 'demo', clientId: ' \u00a0\u2003 ', clientSecret: SECRET }), status: 400, code: 'bad_request', says: /Client ID is required/ },
  { name: 'no secret', body: JSON.stringify({ tenantId: 'demo', clientId: 'x' }), status: 400, code: 'bad_request', says: /clientSecret/ },
  { name: 'a 501-character secret', body: JSON.stringify({ tenantId: 'demo', clientId: 'x', clientSecret: `${SECRET}${'s'.repeat(501)}` }), status: 400, code: 'bad_request', says: /clientSecret/ },
  { name: 'a 100,000-character tenant', body: JSON.stringify({ tenantId: 't'.repeat(100_000), clientId: 'x', clientSecret: SECRET }), status: 400, code: 'bad_request', says: /tenantId/ },
  { name: 'neither tenant nor base URL', body: JSON.stringify({ clientId: 'x', clientSecret: SECRET }), status: 400, code: 'bad_request', says: /Tenant ID/ },
  { name: 'a tenant with a right-to-left override', body: JSON.stringify({ tenantId: 'acme\u202egnp.', clientId: 'x', clientSecret: SECRET }), status: 400, code: 'halo_tenant_invalid' },
  { name: 'a tenant with a zero-width space', body: JSON.stringify({ tenantId: 'ac\u200bme', clientId: 'x', clientSecret: SECRET }), status: 400, code: 'halo_tenant_invalid' },
  { name: 'a tenant with a NUL', body: JSON.stringify({ tenantId: 'acme\u0000', clientId: 'x', clientSecret: SECRET }), status: 400, code: 'halo_tenant_invalid' },
  { name: 'an emoji base URL', body: JSON.stringify({ tenantId: '', clientId: 'x', clientSecret: SECRET, baseUrl: '🦜' }), status: 400, code: 'halo_url_refused' },
  { name: 'a base URL that is a number', body: JSON.stringify({ tenantId: 'demo', clientId: 'x', clientSecret: SECRET, baseUrl: 42 }), status: 400, code: 'bad_request', says: /baseUrl/ },
];

const IMPORT: readonly BadBody[] = [
  { name: 'groupId as a string', body: JSON.stringify({ groupId: '12', haloUserIds: [501] }), status: 400, code: 'bad_request', says: /groupId/ },
  { name: 'a negative groupId', body: JSON.stringify({ groupId: -12, haloUserIds: [501] }), status: 400, code: 'bad_request', says: /groupId/ },
  { name: 'a fractional groupId', body: JSON.stringify({ groupId: 12.5, haloUserIds: [501] }), status: 400, code: 'bad_request', says: /groupId/ },
  { name: 'a groupId past 2^53', body: '{"groupId":123456789012345678901234567890,"haloUserIds":[501]}', status: 400, code: 'bad_request', says: /groupId/ },
  { name: 'ids as strings', body: JSON.stringify({ groupId: 12, haloUserIds: ['501'] }), status: 400, code: 'bad_request', says: /haloUserIds/ },
  { name: 'a null id', body: JSON.stringify({ groupId: 12, haloUserIds: [501, null] }), status: 400, code: 'bad_request', says: /haloUserIds/ },
  { name: 'ids as an object', body: JSON.stringify({ groupId: 12, haloUserIds: { 0: 501 } }), status: 400, code: 'bad_request', says: /haloUserIds/ },
  { name: 'no ids', body: JSON.stringify({ groupId: 12, haloUserIds: [] }), status: 400, code: 'bad_request', says: /Select at least one user/ },
  { name: '50,001 ids (under 1 MiB)', body: JSON.stringify({ groupId: 12, haloUserIds: ids(50_001) }), status: 400, code: 'bad_request', says: /haloUserIds/ },
  { name: '200,000 ids (over 1 MiB)', body: JSON.stringify({ groupId: 12, haloUserIds: ids(200_000) }), status: 413, code: 'payload_too_large' },
];

function checkError(res: { status: number; json: unknown; text: string }, bad: BadBody) {
  expect(res.status).toBe(bad.status);
  const { error } = apiErrorSchema.strict().parse(res.json);
  expect(error.code).toBe(bad.code);
  expect(error.message.length).toBeGreaterThan(15);
  if (bad.says) expect(error.message).toMatch(bad.says);
  expect(res.text).not.toContain(SECRET);
}

describe.each([
  ['PUT /halo/connection', 'PUT', '/halo/connection', [...COMMON, ...CONNECTION]],
  ['POST /teams/team-x/imports', 'POST', '/teams/team-x/imports', [...COMMON, ...IMPORT]],
] as const)('%s', (_label, method, path, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('refuses %s, storing nothing', async (_name, bad) => {
    const before = s.snapshot();
    const res = await raw(method, path, bad.body, { contentType: bad.contentType, headers: method === 'POST' ? { 'idempotency-key': randomUUID() } : {} });
    checkError(res, bad);
    expect(s.changedSince(before)).toEqual([]);
  });
});

describe('POST imports: the Idempotency-Key header', () => {
  const good = JSON.stringify({ groupId: SANDBOX_GROUPS.acme, haloUserIds: [501] });
  it.each([
    ['missing', undefined, 'idempotency_key_missing'],
    ['blank', '   ', 'idempotency_key_missing'],
    ['201 characters', 'k'.repeat(201), 'bad_request'],
    ['non-ASCII', 'clé-\u00e9', 'bad_request'],
    ['with a space inside', 'a b', 'bad_request'],
  ] as [string, string | undefined, string][])('%s → 400 %s', async (_name, key, code) => {
    const before = s.snapshot();
    const res = await raw('POST', '/teams/team-x/imports', good, { headers: key === undefined ? {} : { 'idempotency-key': key } });
    expect(res.status).toBe(400);
    expect(apiErrorSchema.parse(res.json).error.code).toBe(code);
    expect(s.changedSince(before)).toEqual([]);
  });
});

describe('GET preview: the groupId query', () => {
  it.each(['', '?groupId=', '?groupId=abc', '?groupId=-1', '?groupId=0', '?groupId=1e3', '?groupId=12345678901', '?groupId=%F0%9F%A6%9C', '?groupId=12%00'])(
    '"%s" → 400 naming groupId',
    async (query) => {
      const res = await raw('GET', `/teams/team-x/preview${query}`, undefined, { contentType: null });
      expect(res.status).toBe(400);
      const { error } = apiErrorSchema.parse(res.json);
      expect(error.code).toBe('bad_request');
      expect(error.message).toMatch(/groupId/);
    },
  );
});

it('keeps Object.prototype clean after __proto__ and constructor keys in bodies', async () => {
  const body = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"groupId":12,"haloUserIds":[999999]}';
  const res = await raw('POST', '/teams/team-x/imports', body, { headers: { 'idempotency-key': randomUUID() } });
  expect(res.status).toBe(201);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(res.text).not.toContain('polluted');
});

// ---------------------------------------------------------------------------------------------
// The bot: malformed action data on the verbs, and malformed activities.

describe('bot verbs with malformed card data', () => {
  const draft = (draftId: unknown) => ({ draftId });
  it.each([
    ['loadUsers', 'halo.loadUsers', { teamId: 'team-x', groupId: { $gt: 0 } }, 'Choose a HaloPSA customer first.'],
    ['loadUsers', 'halo.loadUsers', { teamId: 'team-x', groupId: -5 }, 'Choose a HaloPSA customer first.'],
    ['loadUsers', 'halo.loadUsers', { teamId: 'team-x', groupId: '12abc' }, 'Choose a HaloPSA customer first.'],
    ['loadUsers', 'halo.loadUsers', { teamId: 'team-x', groupId: 1e21 }, 'Choose a HaloPSA customer first.'],
    ['loadUsers', 'halo.loadUsers', { teamId: 'team-x', groupId: '' }, 'Choose a HaloPSA customer first.'],
    ['loadUsers', 'halo.loadUsers', { groupId: 12 }, 'Choose a Team first.'],
    ['loadUsers', 'halo.loadUsers', { teamId: {}, groupId: 12 }, 'Choose a Team first.'],
    ['loadUsers', 'halo.loadUsers', { teamId: 't'.repeat(201), groupId: 12 }, 'Choose a Team first.'],
    ['loadUsers', 'halo.loadUsers', { teamId: 'team-x\u202e', groupId: 12 }, 'not found'],
    ['page', 'halo.page', { teamId: 'team-x', groupId: 12, page: 0 }, 'That page does not exist'],
    ['page', 'halo.page', { teamId: 'team-x', groupId: 12, page: 'x' }, 'That page does not exist'],
    // a page past the end shows the last page rather than an error
    ['page', 'halo.page', { teamId: 'team-x', groupId: 12, page: 10_000_000_000_000 }, 'Page 2 of 2.'],
    ['requestImport', 'halo.requestImport', { teamId: 'team-x', groupId: 12, userIds: '501;DROP TABLE accounts' }, 'not a list of HaloPSA user ids'],
    ['requestImport', 'halo.requestImport', { teamId: 'team-x', groupId: 12, userIds: 'a,b' }, 'not a list of HaloPSA user ids'],
    ['requestImport', 'halo.requestImport', { teamId: 'team-x', groupId: 12, userIds: ['501'] }, 'userIds'],
    ['requestImport', 'halo.requestImport', { teamId: 'team-x', groupId: 12, userIds: '1,'.repeat(50_001) }, 'Too many users'],
    ['requestImport', 'halo.requestImport', { teamId: 'team-x', groupId: 12, allImportable: 'yes please' }, 'allImportable'],
    ['approveImport', 'halo.approveImport', draft(42), 'This card has no import request id'],
    ['approveImport', 'halo.approveImport', draft(''), 'This card has no import request id'],
    ['approveImport', 'halo.approveImport', draft('../../etc/passwd'), 'not found'],
    ['approveImport', 'halo.approveImport', draft('d'.repeat(10_000)), 'This card has no import request id'],
    ['cancelImport', 'halo.cancelImport', draft(null), 'This card has no import request id'],
    ['refreshDraft', 'halo.refreshDraft', draft([]), 'This card has no import request id'],
    ['saveCredentials', 'halo.saveCredentials', { tenantId: 'demo', clientSecret: SECRET }, 'clientId'],
    ['saveCredentials', 'halo.saveCredentials', { tenantId: 'demo', clientId: 'x', clientSecret: SECRET, baseUrl: 42 }, 'baseUrl'],
    ['chooseTeam', 'halo.chooseTeam', { teamId: 'team-x\u0000' }, 'not found'],
  ] as [string, string, Record<string, unknown>, string][])('%s with %j → an error card that says so', async (_label, verb, data, says) => {
    const before = s.snapshot();
    const answer = await s.bot(invoke(USERS.ada, verb, data, { serviceUrl: s.connector.url }));
    expect(answer.status).toBe(200);
    const text = cardText((answer.body as { value: unknown }).value);
    expect(text).toContain(says);
    expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    expect(s.changedSince(before)).toEqual([]);
  });

  it('saveCredentials with a 501-character secret names the Client Secret field', async () => {
    const answer = await s.bot(
      invoke(USERS.ada, 'halo.saveCredentials', { tenantId: 'demo', clientId: 'x', clientSecret: `${SECRET}${'s'.repeat(501)}` }, { serviceUrl: s.connector.url }),
    );
    const text = cardText((answer.body as { value: unknown }).value);
    expect(text).not.toContain(SECRET);
    expect(text).toMatch(/Client Secret|clientSecret/);
  });

  it.each([
    ['data null', { verb: 'halo.loadUsers', data: null }],
    ['data a string', { verb: 'halo.loadUsers', data: 'team-x' }],
    ['data an array', { verb: 'halo.loadUsers', data: [1, 2] }],
  ] as [string, { verb: string; data: unknown }][])('%s → an error card', async (_label, action) => {
    const activity = invoke(USERS.ada, action.verb, {}, { serviceUrl: s.connector.url }) as { value: { action: Record<string, unknown> } };
    activity.value.action.data = action.data;
    const answer = await s.bot(activity);
    expect(answer.status).toBe(200);
    expect(cardText((answer.body as { value: unknown }).value)).toMatch(/Choose a Team first|missing or not valid/);
  });

  it.each([
    ['a numeric verb', 42],
    ['no verb', undefined],
    ['an unknown verb', 'halo.dropTables'],
  ])('%s → 400 in the invoke error shape', async (_label, verb) => {
    const activity = invoke(USERS.ada, 'x', {}, { serviceUrl: s.connector.url }) as { value: { action: Record<string, unknown> } };
    activity.value.action.verb = verb;
    const answer = await s.bot(activity);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ type: 'application/vnd.microsoft.error', value: { message: expect.stringMatching(/help/) } });
  });

  it('answers a Submit fallback with an unknown verb with the help card', async () => {
    const answer = await s.bot(message(USERS.ada, '', { serviceUrl: s.connector.url }, { value: { verb: { $ne: 1 } } }));
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('import halo users to');
  });
});

describe('/api/messages with malformed activities', () => {
  const post = (body: string | Buffer, contentType = 'application/json') =>
    fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('refuses invalid JSON with 400', async () => {
    expect((await post('{"type":')).status).toBe(400);
  });

  it('refuses an activity over 256 KiB with 413', async () => {
    const big = JSON.stringify(message(USERS.ada, 'x'.repeat(300 * 1024), { serviceUrl: s.connector.url }));
    expect((await post(big)).status).toBe(413);
  });

  it('keeps serving after all of that', async () => {
    const answer = await s.bot(message(USERS.ada, 'help', { serviceUrl: s.connector.url }));
    expect(answer.status).toBe(200);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});

it('logged no secret while refusing all of that', () => {
  expect(s.logger.lines.join('\n')).not.toContain(SECRET);
});
