import { SANDBOX_GROUPS } from '../../../src/halo/sandbox';
import type { HaloImportService } from '../../../src/service';
import { type BotApp, startBotApp } from '../../fixtures/bot/bot-app';
import { DEMO_TENANT, type DemoUser, USERS, invoke, invokeCard, message, post, replies, repliedCards } from '../../fixtures/bot/bot-client';
import type { ConnectorCall } from '../../fixtures/bot/fake-connector';
import { cardProblems, cardText, executeActions, inputs } from '../../fixtures/bot/validate-card';

const CARD = 'application/vnd.microsoft.card.adaptive';

function cardOf(call: ConnectorCall | undefined): Record<string, unknown> {
  if (!call) throw new Error("no such connector call");
  const attachments = (call.body.attachments ?? []) as { contentType: string; content: Record<string, unknown> }[];
  const found = attachments.find((a) => a.contentType === CARD)?.content;
  if (!found) throw new Error(`no card in ${JSON.stringify(call.body).slice(0, 200)}`);
  return found;
}

async function press(app: BotApp, user: DemoUser, verb: string, data: Record<string, unknown>, extra: { scope?: 'personal' | 'channel'; replyToId?: string } = {}) {
  const card = invokeCard(await post(app.url, invoke(user, verb, data, { serviceUrl: app.connector.url, ...extra })));
  expect(cardProblems(card)).toEqual([]);
  return card;
}

async function connect(app: BotApp) {
  await press(app, USERS.ada, 'halo.saveCredentials', {
    tenantId: app.sandbox.tenant,
    clientId: app.sandbox.clientId,
    clientSecret: app.sandbox.clientSecret,
    baseUrl: app.sandbox.url,
  });
}

async function members(app: BotApp, teamId: string) {
  const ada = await app.service.resolveCaller({ entraTenantId: DEMO_TENANT, entraObjectId: USERS.ada.aadObjectId });
  return app.service.listMembers(ada, teamId);
}

describe('credentials only in the 1:1 chat', () => {
  let app: BotApp;
  beforeEach(async () => {
    app = await startBotApp();
  });
  afterEach(() => app.close());

  it('answers in the channel that it continues in private, and opens the 1:1 chat with the credentials card', async () => {
    const answer = await post(app.url, message(USERS.ada, 'import halo users to Team X', { serviceUrl: app.connector.url, scope: 'channel' }));
    const [card] = repliedCards(answer);
    expect(cardText(card)).toContain('I’ll continue in our 1:1 chat');
    expect(inputs(card).size).toBe(0);
    const created = app.connector.calls.find((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(created?.body).toMatchObject({ isGroup: false, members: [{ aadObjectId: USERS.ada.aadObjectId }], tenantId: DEMO_TENANT });
    const sent = app.connector.calls.find((c) => c.method === 'POST' && c.conversationId?.startsWith('a:personal-'));
    const form = cardOf(sent!)!;
    expect(cardProblems(form)).toEqual([]);
    expect(inputs(form).get('clientSecret')).toMatchObject({ style: 'Password' });
    expect(executeActions(form)[0]?.data).toEqual({ teamId: 'team-x' });
  });

  it('uses the stored 1:1 chat when the admin talked to the bot before', async () => {
    await post(app.url, message(USERS.ada, 'hi', { serviceUrl: app.connector.url }));
    await post(app.url, message(USERS.ada, 'import halo users to Team X', { serviceUrl: app.connector.url, scope: 'channel' }));
    expect(app.connector.calls.filter((c) => c.path === '/v3/conversations')).toHaveLength(0);
    expect(app.connector.calls.filter((c) => c.method === 'POST' && c.conversationId === `a:personal-${USERS.ada.id}`)).toHaveLength(1);
  });

  it('never accepts credentials pressed in a channel', async () => {
    const card = await press(
      app,
      USERS.ada,
      'halo.saveCredentials',
      { tenantId: app.sandbox.tenant, clientId: app.sandbox.clientId, clientSecret: app.sandbox.clientSecret, baseUrl: app.sandbox.url },
      { scope: 'channel' },
    );
    expect(cardText(card)).toContain('1:1 chat');
    const ada = await app.service.resolveCaller({ entraTenantId: DEMO_TENANT, entraObjectId: USERS.ada.aadObjectId });
    expect((await app.service.getConnection(ada)).configured).toBe(false);
  });
});

describe('clients without Universal Actions (Action.Submit fallback)', () => {
  let app: BotApp;
  beforeAll(async () => {
    app = await startBotApp();
    await connect(app);
  });
  afterAll(() => app.close());

  it('routes a submitted card by its verb and updates the card in place', async () => {
    const activity = message(USERS.ada, '', { serviceUrl: app.connector.url }, {
      value: { verb: 'halo.loadUsers', teamId: 'team-x', groupId: String(SANDBOX_GROUPS.acme) },
      replyToId: 'card-42',
    });
    delete (activity as { text?: string }).text;
    const answer = await post(app.url, activity);
    expect(answer.status).toBe(200);
    const update = app.connector.calls.find((c) => c.method === 'PUT' && c.activityId === 'card-42');
    const card = cardOf(update!)!;
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain('Acme Corporation');
    expect(inputs(card).get('userIds')).toBeDefined();
  });
});

describe('typing indicator', () => {
  let app: BotApp;
  beforeAll(async () => {
    app = await startBotApp();
    await connect(app);
  });
  afterAll(() => app.close());

  it('shows typing before calling HaloPSA and never after the answer', async () => {
    const answer = await post(app.url, message(USERS.ada, 'import halo users to Team X', { serviceUrl: app.connector.url }));
    const types = replies(answer).map((a) => a.type);
    expect(types[0]).toBe('typing');
    expect(types[types.length - 1]).toBe('message');
  });
});

describe('a long import', () => {
  let app: BotApp;
  let release: () => void = () => undefined;
  beforeAll(async () => {
    app = await startBotApp({
      bot: { progressAfterMs: 30, progressEveryMs: 0 },
      // a hand-written slow decorator: reports progress, then waits for the test to release it
      wrapService: (s): HaloImportService => ({
        ...s,
        resolveCaller: (c) => s.resolveCaller(c),
        async approveDraft(p, id, onProgress) {
          const draft = await s.getDraft(p, id);
          onProgress?.(1, draft.toImport.length);
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          return s.approveDraft(p, id, onProgress);
        },
      }),
    });
    await connect(app);
  });
  afterAll(() => app.close());

  it('answers at once with a progress card, then updates the same card until the result', async () => {
    const approval = await press(app, USERS.ada, 'halo.requestImport', { teamId: 'team-x', groupId: SANDBOX_GROUPS.fabrikam, allImportable: true });
    const draftId = String(executeActions(approval).find((a) => a.verb === 'halo.approveImport')!.data.draftId);
    const progress = await press(app, USERS.ada, 'halo.approveImport', { draftId }, { replyToId: 'approval-card-1' });
    expect(cardText(progress)).toContain('Importing 24 users into Team X');
    expect(cardText(progress)).toContain('This card updates by itself');
    release();
    await app.connector.waitFor((calls) => calls.some((c) => c.method === 'PUT' && c.activityId === 'approval-card-1' && cardText(cardOf(c)).includes('Imported 24 users')));
    const finalUpdate = app.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === 'approval-card-1').pop()!;
    expect(cardProblems(cardOf(finalUpdate))).toEqual([]);
    expect(cardText(cardOf(finalUpdate))).toContain('Imported 24 users into Team X');
    expect((await members(app, 'team-x')).filter((m) => m.source === 'halo-import')).toHaveLength(24);
  });
});

describe('requireSecondApprover', () => {
  let app: BotApp;
  beforeAll(async () => {
    app = await startBotApp({ requireSecondApprover: true });
    await connect(app);
  });
  afterAll(() => app.close());

  it('keeps the requester from approving and sends the approval card to the other admins’ 1:1 chats', async () => {
    // Rita has chatted with the bot before: her 1:1 chat is known
    await post(app.url, message(USERS.rita, 'hi', { serviceUrl: app.connector.url }));
    const mine = await press(app, USERS.ada, 'halo.requestImport', { teamId: 'team-x', groupId: SANDBOX_GROUPS.fabrikam, page: 1, userIds: '1501,1502,1503' }, { scope: 'channel' });
    expect(cardText(mine)).toContain('waits for another reseller admin');
    expect(cardText(mine)).toContain('Sent for approval to Rita Reviewer in their 1:1 chat');
    expect(executeActions(mine).map((a) => a.verb)).toEqual(['halo.cancelImport']);
    const draftId = String(executeActions(mine)[0]!.data.draftId);

    const toRita = app.connector.calls.find((c) => c.method === 'POST' && c.conversationId === `a:personal-${USERS.rita.id}`);
    const ritaCard = cardOf(toRita!)!;
    expect(cardProblems(ritaCard)).toEqual([]);
    expect(cardText(ritaCard)).toContain('Ada Admin asks you to approve this import');
    expect(executeActions(ritaCard).map((a) => a.verb)).toEqual(['halo.approveImport', 'halo.cancelImport']);

    const forced = await press(app, USERS.ada, 'halo.approveImport', { draftId });
    expect(cardText(forced)).toContain('requires a second approver');
    expect((await members(app, 'team-x')).filter((m) => m.source === 'halo-import')).toHaveLength(0);

    const approved = await press(app, USERS.rita, 'halo.approveImport', { draftId });
    expect(cardText(approved)).toContain('Imported 3 users into Team X');
    expect(cardText(approved)).toContain('Approved by: Rita Reviewer');
    expect((await members(app, 'team-x')).filter((m) => m.source === 'halo-import')).toHaveLength(3);

    // the requester's view in the channel refreshes to the result
    const refreshed = await press(app, USERS.ada, 'halo.refreshDraft', { draftId }, { scope: 'channel' });
    expect(cardText(refreshed)).toContain('Imported 3 users');
  });

  it('says which admins it could not reach', async () => {
    const other = await startBotApp({ requireSecondApprover: true });
    try {
      await connect(other);
      const card = await press(other, USERS.ada, 'halo.requestImport', { teamId: 'team-x', groupId: SANDBOX_GROUPS.fabrikam, page: 1, userIds: '1504' });
      expect(cardText(card)).toContain('I could not reach Rita Reviewer');
    } finally {
      await other.close();
    }
  });
});

describe('installs in a Team and failures outside any step', () => {
  it('welcomes a channel once, and not again when the event repeats', async () => {
    const app = await startBotApp();
    try {
      const added = {
        ...message(USERS.ada, '', { serviceUrl: app.connector.url, scope: 'channel' }),
        type: 'conversationUpdate',
        membersAdded: [{ id: '28:halo-import-bot' }],
      };
      const first = await post(app.url, added);
      expect(replies(first).map((a) => a.text)).toEqual([expect.stringContaining('Hi, I’m Halo Import')]);
      const again = await post(app.url, added);
      expect(replies(again)).toEqual([]);
      expect(app.connector.calls).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('answers with an error card and logs the code when the store fails mid-turn', async () => {
    const app = await startBotApp({
      wrapKv: (kv) => ({
        ...kv,
        get: kv.get.bind(kv),
        delete: kv.delete.bind(kv),
        set: async () => {
          throw new Error('disk full');
        },
      }),
    });
    try {
      const answer = await post(app.url, message(USERS.ada, '', { serviceUrl: app.connector.url }, { type: 'installationUpdate', action: 'add' }));
      expect(answer.status).toBe(200);
      const [card] = repliedCards(answer);
      expect(cardProblems(card)).toEqual([]);
      expect(cardText(card)).toContain('Something went wrong on our side');
      expect(cardText(card)).not.toContain('disk full');
      expect(app.logLines.join('')).toContain('bot turn failed');
    } finally {
      await app.close();
    }
  });
});
