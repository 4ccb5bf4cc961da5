import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HaloImportService } from '../../../src/service';
import { type BotApp, startBotApp } from '../../fixtures/bot/bot-app';
import { type DemoUser, USERS, installed, invoke, invokeCard, message, post, repliedCards, replies } from '../../fixtures/bot/bot-client';
import { cardProblems, cardText, executeActions, inputs } from '../../fixtures/bot/validate-card';

/**
 * Store checklist items 1, 6, 9, 41–51, 53–55, 57, driven through the real `/api/messages`
 * endpoint (expectReplies) over the real core, the HaloPSA sandbox and a recording Bot Connector.
 */
const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'appPackage', 'manifest.json'), 'utf8')) as {
  name: { short: string };
  bots: { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
};
const commandTitles = [...new Set(manifest.bots[0]!.commandLists.flatMap((l) => l.commands.map((c) => c.title)))];
const CARD = 'application/vnd.microsoft.card.adaptive';
type Scope = 'personal' | 'channel' | 'groupChat';

function texts(answer: Awaited<ReturnType<typeof post>>): string[] {
  return replies(answer).map((a) => [a.text ?? '', ...(a.attachments ?? []).map((x) => cardText(x.content))].join('\n'));
}

describe('store checklist: the bot over /api/messages', () => {
  let app: BotApp;
  const say = async (user: DemoUser, text: string, scope: Scope = 'personal') => {
    const answer = await post(app.url, message(user, text, { serviceUrl: app.connector.url, scope }));
    expect(answer.status).toBe(200);
    for (const card of repliedCards(answer)) expect(cardProblems(card)).toEqual([]);
    return answer;
  };
  const press = async (user: DemoUser, verb: string, data: Record<string, unknown>, scope: Scope = 'personal') =>
    invokeCard(await post(app.url, invoke(user, verb, data, { serviceUrl: app.connector.url, scope })));

  beforeAll(async () => {
    app = await startBotApp({ bot: { progressAfterMs: 10_000 } });
  });
  afterAll(() => app.close());

  describe('welcome', () => {
    it('store#41 welcome message is sent once on personal install, as one message, and not again on replay or on help', async () => {
      const first = await post(app.url, installed(USERS.rita, { serviceUrl: app.connector.url }));
      expect(replies(first)).toHaveLength(1);
      expect(repliedCards(first)).toHaveLength(1);
      expect(cardText(repliedCards(first)[0])).toMatch(/^Welcome to Halo Import/);
      const again = await post(app.url, installed(USERS.rita, { serviceUrl: app.connector.url }));
      expect(replies(again)).toEqual([]);
      const help = await say(USERS.rita, 'help');
      expect(texts(help).join('\n')).not.toMatch(/Welcome to/);
    });

    it('store#42 the welcome states the value, the admin credential setup, every command, the limits and a way forward, under the manifest name', async () => {
      const answer = await post(app.url, installed(USERS.nora, { serviceUrl: app.connector.url }));
      const card = repliedCards(answer)[0]!;
      const text = cardText(card);
      expect(text).toContain(`Welcome to ${manifest.name.short}`);
      expect(text).toMatch(/bring a customer’s HaloPSA users into their BrainStation Team/);
      expect(text).toMatch(/a reseller admin connects HaloPSA once .*Client Secret/);
      for (const title of commandTitles) expect(text).toContain(title);
      expect(text).toMatch(/Only reseller admins can import/);
      expect(executeActions(card).map((a) => a.verb)).toEqual(expect.arrayContaining(['halo.chooseTeam']));
      expect(cardText(card)).not.toMatch(/appsource|marketplace|https?:\/\//i);
    });

    it('store#43 a team install posts one welcome in the channel @mentioning the installer, DMs nobody, and says nothing when members join', async () => {
      const where = { serviceUrl: app.connector.url, scope: 'channel' as const, conversationId: '19:store-43@thread.tacv2' };
      const before = app.connector.calls.length;
      const first = await post(app.url, installed(USERS.ada, where));
      const sent = replies(first);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.text).toContain('<at>Ada Admin</at>');
      expect((sent[0] as { entities?: unknown[] }).entities).toEqual([
        { type: 'mention', text: '<at>Ada Admin</at>', mentioned: { id: USERS.ada.id, name: 'Ada Admin' } },
      ]);
      expect(sent[0]!.text).toMatch(/One-time setup: a reseller admin connects HaloPSA in a 1:1 chat/);
      expect(replies(await post(app.url, installed(USERS.ada, where)))).toEqual([]);
      const joined = { ...message(USERS.rita, '', where), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: USERS.carl.id }] };
      expect(replies(await post(app.url, joined))).toEqual([]);
      expect(app.connector.calls.slice(before)).toEqual([]);
    });
  });

  describe('help and unknown input', () => {
    it.each(['help', 'HELP', 'Help', 'hi', 'Hello', 'hello!'])('store#44 "%s" before any setup gives the help card with every command', async (text) => {
      const answer = await say(USERS.uma, text);
      const all = texts(answer).join('\n');
      expect(all).toMatch(/what I can do/);
      for (const title of commandTitles) expect(all).toContain(title);
      expect(all).not.toMatch(/Welcome to|https?:\/\//);
      // store#8: help names the one-time admin setup too
      expect(all).toMatch(/A reseller admin connects HaloPSA once/);
    });

    it('store#45 every manifest command gets its own answer, never the not-understood one', async () => {
      for (const title of commandTitles) {
        const all = texts(await say(USERS.ada, title)).join('\n');
        expect([title, /didn’t understand/.test(all)]).toEqual([title, false]);
      }
    });

    it.each(['asdfgh', 'please do the thing', 'imprt halo users', '🙂'])('store#45 "%s" gets a way-forward reply that differs from help', async (text) => {
      const unknown = texts(await say(USERS.ada, text)).join('\n');
      const help = texts(await say(USERS.ada, 'help')).join('\n');
      expect(unknown).toContain('I didn’t understand');
      expect(unknown).toContain('import halo users to');
      expect(unknown).not.toBe(help);
    });

    it('store#57 an @mention in a channel is stripped before the command is read', async () => {
      const all = texts(await say(USERS.ada, 'help', 'channel')).join('\n');
      expect(all).toMatch(/what I can do/);
      expect(all).not.toContain('didn’t understand');
    });

    it('store#54 "Thanks" and common misspellings still get a way forward, not an error', async () => {
      for (const text of ['Thanks', 'thx', 'hlep', 'statsu']) {
        const answer = await say(USERS.ada, text);
        expect(repliedCards(answer)).toHaveLength(1);
        expect(texts(answer).join('\n')).toMatch(/help|import halo users to/);
      }
    });
  });

  describe('where the bot talks', () => {
    it('store#47 store#9 store#51 credentials are never asked in a channel: the 1:1 chat gets the form, saying where the request came from', async () => {
      const before = app.connector.calls.length;
      const answer = await say(USERS.rita, 'import halo users to Team X', 'channel');
      const [card] = repliedCards(answer);
      expect(inputs(card).size).toBe(0);
      expect(cardText(card)).toMatch(/1:1 chat/);
      const personal = app.connector.calls.slice(before).find((c) => c.method === 'POST' && c.conversationId?.startsWith('a:personal-'));
      const form = ((personal?.body.attachments ?? []) as { contentType: string; content: Record<string, unknown> }[]).find((a) => a.contentType === CARD)?.content;
      expect(form && inputs(form).get('clientSecret')).toMatchObject({ style: 'Password' });
      expect(cardText(form)).toMatch(/You asked me in a channel to import HaloPSA users into Team X/);
    });

    it('store#47 credentials pressed in a channel are refused and not stored', async () => {
      const card = await press(USERS.rita, 'halo.saveCredentials', { tenantId: 'demo', clientId: 'x', clientSecret: 'secret-in-channel-1' }, 'channel');
      expect(JSON.stringify(card)).not.toContain('secret-in-channel-1');
      expect(inputs(card).get('clientSecret')).toBeUndefined();
      const ada = await app.service.resolveCaller({ entraTenantId: 'a1b2c3d4-0000-4000-8000-000000000001', entraObjectId: USERS.rita.aadObjectId });
      expect((await app.service.getConnection(ada)).configured).toBe(false);
    });

    it('store#49 every message turn answers with one message (plus typing), never a burst', async () => {
      for (const text of ['help', 'status', 'disconnect halo', 'import halo users to Team X', 'nonsense']) {
        const sent = replies(await say(USERS.ada, text)).filter((a) => a.type !== 'typing');
        expect([text, sent.length]).toEqual([text, 1]);
      }
    });
  });

  describe('connect, typing, disconnect', () => {
    it('store#6 store#46 connecting shows typing first and never after the answer; disconnect asks, then removes the connection', async () => {
      await press(USERS.ada, 'halo.saveCredentials', {
        teamId: 'team-x',
        tenantId: app.sandbox.tenant,
        clientId: app.sandbox.clientId,
        clientSecret: app.sandbox.clientSecret,
        baseUrl: app.sandbox.url,
      });
      const types = replies(await say(USERS.ada, 'import halo users to Team X')).map((a) => a.type);
      expect(types[0]).toBe('typing');
      expect(types.at(-1)).toBe('message');
      expect(types.filter((t) => t === 'message')).toHaveLength(1);

      const ask = repliedCards(await say(USERS.ada, 'disconnect halo'))[0]!;
      expect(cardText(ask)).toMatch(/Disconnect HaloPSA\?/);
      expect(executeActions(ask).map((a) => a.verb)).toEqual(['halo.confirmDisconnect', 'halo.keepConnection']);
      const done = await press(USERS.ada, 'halo.confirmDisconnect', {});
      expect(cardText(done)).toMatch(/disconnected/);
      expect(cardText(repliedCards(await say(USERS.ada, 'status'))[0])).toMatch(/not connected yet/);
    });

    it('store#53 the command menu is brief and includes the sign-out command in personal scope', () => {
      const personal = manifest.bots[0]!.commandLists.find((l) => l.scopes.includes('personal'))!;
      expect(personal.commands.length).toBeLessThanOrEqual(6);
      expect(personal.commands.map((c) => c.title)).toContain('disconnect halo');
    });
  });
});

describe('store checklist: failures never dead-end', () => {
  it('store#1 a programming error inside a turn becomes a friendly card with a way forward, not a stack trace', async () => {
    const app = await startBotApp({
      wrapService: (s): HaloImportService => ({
        ...s,
        getConnection: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'tenantId')");
        },
      }),
    });
    try {
      const answer = await post(app.url, message(USERS.ada, 'status', { serviceUrl: app.connector.url }));
      expect(answer.status).toBe(200);
      const all = JSON.stringify(answer.body);
      expect(all).not.toMatch(/TypeError|Cannot read properties|at .*\.ts:\d+/);
      const card = repliedCards(answer)[0]!;
      expect(cardProblems(card)).toEqual([]);
      expect(cardText(card)).toMatch(/try again|help/i);
    } finally {
      await app.close();
    }
  });

  it('store#55 a slow import answers the approve invoke at once with a progress card and finishes proactively', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const app = await startBotApp({
      bot: { progressAfterMs: 50, progressEveryMs: 50 },
      wrapService: (s): HaloImportService => ({
        ...s,
        approveDraft: async (...args: Parameters<HaloImportService['approveDraft']>) => {
          await gate;
          return s.approveDraft(...args);
        },
      }),
    });
    try {
      const where = { serviceUrl: app.connector.url };
      await post(app.url, invoke(USERS.ada, 'halo.saveCredentials', { tenantId: app.sandbox.tenant, clientId: app.sandbox.clientId, clientSecret: app.sandbox.clientSecret, baseUrl: app.sandbox.url }, where));
      const users = invokeCard(await post(app.url, invoke(USERS.ada, 'halo.loadUsers', { teamId: 'team-x', groupId: 15 }, where)));
      const userIds = String(inputs(users).get('userIds')?.value ?? '').split(',').slice(0, 2).join(',');
      const approval = invokeCard(await post(app.url, invoke(USERS.ada, 'halo.requestImport', { teamId: 'team-x', groupId: 15, page: 1, userIds }, where)));
      const draftId = executeActions(approval).find((a) => a.verb === 'halo.approveImport')!.data.draftId;
      const started = Date.now();
      const progress = invokeCard(await post(app.url, invoke(USERS.ada, 'halo.approveImport', { draftId }, { ...where, replyToId: 'card-55' })));
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(cardText(progress)).toMatch(/Importing|progress/i);
      release();
      await app.connector.waitFor((calls) => calls.some((c) => c.method === 'PUT' && c.activityId === 'card-55' && /imported/i.test(JSON.stringify(c.body))), 10_000);
    } finally {
      release();
      await app.close();
    }
  });
});
