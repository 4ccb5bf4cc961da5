import { randomUUID } from 'node:crypto';
import { apiErrorSchema, importRecordSchema, previewSchema } from '../../src/contracts';
import { SANDBOX_GROUPS } from '../../src/halo/sandbox';
import { USERS, invoke, message, repliedCards, type DemoUser } from '../fixtures/bot/bot-client';
import { cardText, executeActions } from '../fixtures/bot/validate-card';
import { startSecurityApp, tableRows, type SecurityApp, type Who } from '../fixtures/security/security-app';

// Who may do what (spec §1, §4, §5), proved over real loopback HTTP against the composition root:
// every API endpoint and bot verb, for Ada (reseller admin), Carl (client admin of team-x), Nora
// (reseller admin of another reseller, on Contoso's objects), Uma (valid token, not in the store),
// and no / forged / garbage tokens. Every refused write must leave the store exactly as it was.

jest.setTimeout(60_000);

let s: SecurityApp;
let importId = '';
let draftId = '';
let importableIds: number[] = [];

const credentials = () => ({
  tenantId: s.app.sandbox!.tenant,
  clientId: s.app.sandbox!.clientId,
  clientSecret: s.app.sandbox!.clientSecret,
  baseUrl: s.app.sandbox!.url,
});

beforeAll(async () => {
  s = await startSecurityApp();
  const ada = s.token('ada');
  expect((await s.api('PUT', '/halo/connection', { token: ada, body: JSON.stringify(credentials()) })).status).toBe(200);
  const preview = previewSchema.parse((await s.api('GET', `/teams/team-x/preview?groupId=${SANDBOX_GROUPS.acme}`, { token: ada })).json);
  importableIds = preview.users.filter((u) => u.status === 'importable').map((u) => u.haloId);
  const created = await s.api('POST', '/teams/team-x/imports', {
    token: ada,
    body: JSON.stringify({ groupId: SANDBOX_GROUPS.acme, haloUserIds: importableIds.slice(0, 1) }),
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(created.status).toBe(201);
  importId = importRecordSchema.parse(created.json).id;
  // a pending draft of Contoso's, for the approve/cancel/refresh rows
  const approval = await s.bot(invoke(USERS.ada, 'halo.requestImport', { teamId: 'team-acme', groupId: SANDBOX_GROUPS.acme, allImportable: true }, { serviceUrl: s.connector.url }));
  const card = (approval.body as { value: Record<string, unknown> }).value;
  draftId = String(executeActions(card).find((a) => a.verb === 'halo.cancelImport')?.data.draftId);
  expect(draftId).toMatch(/\S/);
});

afterAll(async () => {
  await s?.close();
});

type Caller = Who | 'none' | 'forged' | 'garbage';

function tokenOf(caller: Caller): string | undefined {
  if (caller === 'none') return undefined;
  if (caller === 'forged') return s.forgedToken('ada');
  if (caller === 'garbage') return 'not.a.jwt';
  return s.token(caller);
}

interface Endpoint {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** a function so ids made in beforeAll are read at call time */
  readonly path: () => string;
  readonly body?: () => unknown;
  readonly write: boolean;
}

const E = {
  me: { method: 'GET', path: () => '/me', write: false },
  teams: { method: 'GET', path: () => '/teams', write: false },
  getConnection: { method: 'GET', path: () => '/halo/connection', write: false },
  putConnection: { method: 'PUT', path: () => '/halo/connection', body: () => ({ ...credentials(), clientId: 'changed-by-attacker' }), write: true },
  deleteConnection: { method: 'DELETE', path: () => '/halo/connection', write: true },
  groups: { method: 'GET', path: () => '/halo/groups', write: false },
  preview: { method: 'GET', path: () => `/teams/team-x/preview?groupId=${SANDBOX_GROUPS.acme}`, write: false },
  createImport: { method: 'POST', path: () => '/teams/team-x/imports', body: () => ({ groupId: SANDBOX_GROUPS.acme, haloUserIds: importableIds.slice(1, 3) }), write: true },
  getImport: { method: 'GET', path: () => `/imports/${importId}`, write: false },
  teamImports: { method: 'GET', path: () => '/teams/team-x/imports', write: false },
  members: { method: 'GET', path: () => '/teams/team-x/members', write: false },
} satisfies Record<string, Endpoint>;
type EndpointName = keyof typeof E;
const ALL_ENDPOINTS = Object.keys(E) as EndpointName[];

async function call(caller: Caller, name: EndpointName) {
  const e: Endpoint = E[name];
  const body = e.body?.();
  return s.api(e.method, e.path(), {
    token: tokenOf(caller),
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: e.method === 'POST' ? { 'idempotency-key': randomUUID() } : {},
  });
}

describe('API: refusals, in the error shape, changing nothing', () => {
  const refusals: [Caller, EndpointName, number, string][] = [
    ...(['none', 'forged', 'garbage'] as const).flatMap((c) => ALL_ENDPOINTS.map((n): [Caller, EndpointName, number, string] => [c, n, 401, 'unauthenticated'])),
    ...ALL_ENDPOINTS.map((n): [Caller, EndpointName, number, string] => ['uma', n, 403, 'unknown_caller']),
    ...(['getConnection', 'putConnection', 'deleteConnection', 'groups', 'preview', 'createImport', 'getImport', 'teamImports'] as const).map(
      (n): [Caller, EndpointName, number, string] => ['carl', n, 403, 'reseller_admin_only'],
    ),
    ...(['preview', 'createImport', 'getImport', 'teamImports', 'members'] as const).map((n): [Caller, EndpointName, number, string] => ['nora', n, 404, 'not_found']),
    // Nora has no connection of her own: Contoso's is never used for her
    ['nora', 'groups', 409, 'halo_not_configured'],
  ];

  it.each(refusals)('%s × %s → %i %s', async (caller, name, status, code) => {
    const before = s.snapshot();
    const res = await call(caller, name);
    expect(res.status).toBe(status);
    expect(apiErrorSchema.strict().parse(res.json).error.code).toBe(code);
    expect((res.json as { error: { message: string } }).error.message.length).toBeGreaterThan(20);
    expect(s.changedSince(before)).toEqual([]);
  });

  it('refuses a token of another tenant for a known object id (Ada’s oid, foreign tid)', async () => {
    const res = await s.api('GET', '/me', { token: s.token('ada', { tid: 'f0f0f0f0-0000-4000-8000-00000000000f' }) });
    expect(res.status).toBe(403);
    expect(apiErrorSchema.parse(res.json).error.code).toBe('unknown_caller');
  });

  it('gives Carl his own Team’s members but 404 for any other Team of his reseller', async () => {
    expect((await s.api('GET', '/teams/team-x/members', { token: s.token('carl') })).status).toBe(200);
    const other = await s.api('GET', '/teams/team-acme/members', { token: s.token('carl') });
    expect(other.status).toBe(404);
    expect(apiErrorSchema.parse(other.json).error.code).toBe('not_found');
  });
});

describe('API: what each caller may see', () => {
  it.each([
    ['ada', 'me', 200],
    ['ada', 'teams', 200],
    ['ada', 'getConnection', 200],
    ['ada', 'groups', 200],
    ['ada', 'preview', 200],
    ['ada', 'getImport', 200],
    ['ada', 'teamImports', 200],
    ['ada', 'members', 200],
    ['carl', 'me', 200],
    ['carl', 'teams', 200],
    ['carl', 'members', 200],
    ['nora', 'me', 200],
    ['nora', 'teams', 200],
    ['nora', 'getConnection', 200],
  ] as [Who, EndpointName, number][])('%s × %s → %i', async (caller, name, status) => {
    const res = await call(caller, name);
    expect(res.status).toBe(status);
  });

  it('lists only the caller’s Teams: Carl his one, Nora none of Contoso’s', async () => {
    const carl = (await call('carl', 'teams')).json as { teams: { id: string }[] };
    expect(carl.teams.map((t) => t.id)).toEqual(['team-x']);
    const nora = (await call('nora', 'teams')).json as { teams: { id: string }[] };
    expect(nora.teams.map((t) => t.id)).toEqual(['team-nw']);
    expect((await call('nora', 'me')).json).toMatchObject({ reseller: { id: 'northwind-it' } });
  });

  it('shows Nora her own (empty) connection, never Contoso’s', async () => {
    const res = await call('nora', 'getConnection');
    expect(res.json).toEqual({ configured: false, tenantId: null, clientId: null, baseUrl: null, updatedAt: null, updatedBy: null });
  });

  it('lets Nora save and delete only her own connection: Contoso’s row is untouched', async () => {
    const contoso = () => JSON.stringify(tableRows(s.dbFile, 'halo_connections').filter((r) => r.reseller_id === 'contoso-msp'));
    const before = contoso();
    expect(before).toContain('contoso-msp');
    const put = await s.api('PUT', '/halo/connection', { token: s.token('nora'), body: JSON.stringify({ ...credentials(), clientId: s.app.sandbox!.clientId }) });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ configured: true, updatedBy: 'Nora Northwind' });
    expect(contoso()).toBe(before);
    expect((await s.api('DELETE', '/halo/connection', { token: s.token('nora') })).status).toBe(204);
    expect(contoso()).toBe(before);
    expect(tableRows(s.dbFile, 'halo_connections').map((r) => r.reseller_id)).toEqual(['contoso-msp']);
  });
});

// ---------------------------------------------------------------------------------------------
// The bot: every verb of spec §5 (and the bot's own), as invokes and as Action.Submit fallbacks,
// and every text command.

const CARL_REFUSAL = 'Only reseller admins can use HaloPSA import';
const UMA_REFUSAL = 'You are not a BrainStation reseller admin';
const NOT_FOUND = 'not found';
// refresh runs by itself for everyone who sees a posted approval card, so outsiders get a neutral card
const NEUTRAL_DRAFT = 'Only the reseller’s admins can see its details and approve it.';

type VerbCase = { verb: string; data: () => Record<string, unknown> };
const V: Record<string, VerbCase> = {
  chooseTeam: { verb: 'halo.chooseTeam', data: () => ({ teamId: 'team-x' }) },
  saveCredentials: { verb: 'halo.saveCredentials', data: () => ({ teamId: 'team-x', ...credentials(), clientId: 'changed-by-attacker' }) },
  changeCredentials: { verb: 'halo.changeCredentials', data: () => ({ teamId: 'team-x' }) },
  loadUsers: { verb: 'halo.loadUsers', data: () => ({ teamId: 'team-x', groupId: String(SANDBOX_GROUPS.acme) }) },
  page: { verb: 'halo.page', data: () => ({ teamId: 'team-x', groupId: SANDBOX_GROUPS.acme, page: 1 }) },
  requestImport: { verb: 'halo.requestImport', data: () => ({ teamId: 'team-x', groupId: SANDBOX_GROUPS.acme, page: 1, userIds: importableIds.slice(3, 5).join(',') }) },
  requestAll: { verb: 'halo.requestImport', data: () => ({ teamId: 'team-x', groupId: SANDBOX_GROUPS.acme, allImportable: true }) },
  approveImport: { verb: 'halo.approveImport', data: () => ({ draftId }) },
  cancelImport: { verb: 'halo.cancelImport', data: () => ({ draftId }) },
  refreshDraft: { verb: 'halo.refreshDraft', data: () => ({ draftId }) },
  disconnect: { verb: 'halo.disconnect', data: () => ({}) },
  confirmDisconnect: { verb: 'halo.confirmDisconnect', data: () => ({}) },
  keepConnection: { verb: 'halo.keepConnection', data: () => ({}) },
  status: { verb: 'halo.status', data: () => ({}) },
};
type VerbName = keyof typeof V;

async function press(user: DemoUser, name: VerbName, how: 'invoke' | 'submit' = 'invoke'): Promise<string> {
  const v = V[name]!;
  const where = { serviceUrl: s.connector.url };
  if (how === 'invoke') {
    const answer = await s.bot(invoke(user, v.verb, v.data(), where));
    expect(answer.status).toBe(200);
    return cardText((answer.body as { value: unknown }).value);
  }
  const answer = await s.bot(message(user, '', where, { value: { verb: v.verb, ...v.data() } }));
  expect(answer.status).toBe(200);
  return repliedCards(answer as never).map(cardText).join('\n') + JSON.stringify(answer.body);
}

async function say(user: DemoUser, text: string): Promise<string> {
  const answer = await s.bot(message(user, text, { serviceUrl: s.connector.url }));
  expect(answer.status).toBe(200);
  return repliedCards(answer as never).map(cardText).join('\n');
}

const draftStatus = () => tableRows(s.dbFile, 'import_drafts').find((r) => r.id === draftId)?.status;

describe('bot: refusals for every verb, changing nothing', () => {
  const every = Object.keys(V) as VerbName[];
  const teamVerbs: VerbName[] = ['chooseTeam', 'saveCredentials', 'changeCredentials', 'loadUsers', 'page', 'requestImport', 'requestAll', 'approveImport', 'cancelImport', 'refreshDraft'];
  const expected = (n: VerbName, refusal: string) => (n === 'refreshDraft' ? NEUTRAL_DRAFT : refusal);
  type Row = [keyof typeof USERS, VerbName, 'invoke' | 'submit', string];
  const rows: Row[] = [
    ...every.map((n): Row => ['carl', n, 'invoke', expected(n, CARL_REFUSAL)]),
    ...every.map((n): Row => ['uma', n, 'invoke', expected(n, UMA_REFUSAL)]),
    ...teamVerbs.map((n): Row => ['nora', n, 'invoke', expected(n, NOT_FOUND)]),
    ['carl', 'approveImport', 'submit', CARL_REFUSAL],
    ['uma', 'confirmDisconnect', 'submit', UMA_REFUSAL],
    ['nora', 'approveImport', 'submit', NOT_FOUND],
  ];

  it.each(rows)('%s × %s (%s) → refused', async (who, name, how, refusal) => {
    const user = USERS[who];
    const before = s.snapshot();
    const text = await press(user, name, how);
    expect(text).toContain(refusal);
    // a refusal never shows Contoso's data to an outsider
    if (user !== USERS.carl) for (const leak of ['Acme Corporation ·', 'Contoso MSP', 'Team X', s.app.sandbox!.tenant + ' ']) expect(text).not.toContain(leak);
    expect(s.changedSince(before)).toEqual([]);
    expect(draftStatus()).toBe('pending');
  });

  it('refuses an activity that carries Ada’s object id under another tenant', async () => {
    const before = s.snapshot();
    const spoof = invoke(USERS.ada, 'halo.approveImport', { draftId }, { serviceUrl: s.connector.url }) as Record<string, unknown>;
    const foreign = 'f0f0f0f0-0000-4000-8000-00000000000f';
    const answer = await s.bot({ ...spoof, conversation: { ...(spoof.conversation as object), tenantId: foreign }, channelData: { tenant: { id: foreign } } });
    expect(cardText((answer.body as { value: unknown }).value)).toContain(UMA_REFUSAL);
    expect(s.changedSince(before)).toEqual([]);
  });

  it('refuses an activity without aadObjectId', async () => {
    const anonymous = { id: '29:anon', name: 'Ada Admin' } as unknown as DemoUser;
    const text = await press(anonymous, 'confirmDisconnect');
    expect(text).toContain(UMA_REFUSAL);
    expect(tableRows(s.dbFile, 'halo_connections')).toHaveLength(1);
  });
});

describe('bot: Nora on her own reseller sees only her own things', () => {
  it.each(['status', 'disconnect', 'keepConnection'] as VerbName[])('%s shows nothing of Contoso', async (name) => {
    const text = await press(USERS.nora, name);
    expect(text).not.toContain('Team X');
    expect(text).not.toContain(`Tenant: ${s.app.sandbox!.tenant}`);
  });

  it('confirmDisconnect removes nothing of Contoso’s', async () => {
    const before = s.snapshot();
    await press(USERS.nora, 'confirmDisconnect');
    expect(s.changedSince(before)).toEqual([]);
  });
});

describe('bot: text commands', () => {
  it.each([
    ['carl', 'import halo users to Team X', CARL_REFUSAL],
    ['carl', 'status', CARL_REFUSAL],
    ['carl', 'disconnect halo', CARL_REFUSAL],
    ['uma', 'import halo users to Team X', UMA_REFUSAL],
    ['uma', 'status', UMA_REFUSAL],
    ['uma', 'disconnect halo', UMA_REFUSAL],
    ['nora', 'import halo users to Team X', 'No Team matches “Team X”. Your Teams: Northwind Stores.'],
  ] as [keyof typeof USERS, string, string][])('%s: "%s" → refused', async (who, text, refusal) => {
    const before = s.snapshot();
    expect(await say(USERS[who], text)).toContain(refusal);
    expect(s.changedSince(before)).toEqual([]);
  });

  it.each(['carl', 'uma', 'nora'] as const)('%s: help and gibberish answer the way forward without anyone’s data', async (who) => {
    for (const text of ['help', 'open the pod bay doors']) {
      const card = await say(USERS[who], text);
      expect(card).toContain('import halo users to <Team>');
      for (const leak of ['Fabrikam', 'Acme Corporation', 'Contoso']) expect(card).not.toContain(leak);
    }
  });
});

describe('bot: what Ada may do (the same verbs succeed for the right caller)', () => {
  it.each(['chooseTeam', 'changeCredentials', 'loadUsers', 'page', 'refreshDraft', 'status', 'disconnect', 'keepConnection'] as VerbName[])('%s answers without a refusal', async (name) => {
    const text = await press(USERS.ada, name);
    for (const refusal of [CARL_REFUSAL, UMA_REFUSAL, NOT_FOUND]) expect(text).not.toContain(refusal);
  });

  it('Rita (same reseller) may cancel Ada’s draft; the cancel sticks', async () => {
    const text = await press(USERS.rita, 'cancelImport');
    expect(text).toContain('cancelled');
    expect(draftStatus()).toBe('cancelled');
  });
});
