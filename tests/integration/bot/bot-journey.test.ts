import { SANDBOX_GROUPS } from '../../../src/halo/sandbox';
import type { HaloImportService, Principal } from '../../../src/service';
import { type BotApp, startBotApp } from '../../fixtures/bot/bot-app';
import {
  type BotAnswer,
  DEMO_TENANT,
  type DemoUser,
  USERS,
  installed,
  invoke,
  invokeCard,
  message,
  post,
  repliedCards,
  replies,
} from '../../fixtures/bot/bot-client';
import { cardProblems, cardText, executeActions, inputs } from '../../fixtures/bot/validate-card';

const WRONG_SECRET = 'wrong-secret-Zq9!';

/** Drives the real /api/messages endpoint and checks every card it gets back. */
function driver(app: BotApp) {
  const seen: string[] = [];
  const where = { serviceUrl: app.connector.url };
  const keep = (answer: BotAnswer) => {
    seen.push(JSON.stringify(answer.body));
    return answer;
  };
  const checked = (card: Record<string, unknown>) => {
    expect(cardProblems(card)).toEqual([]);
    return card;
  };
  return {
    seen,
    async say(user: DemoUser, text: string, scope: 'personal' | 'channel' = 'personal') {
      const answer = keep(await post(app.url, message(user, text, { ...where, scope })));
      expect(answer.status).toBe(200);
      const cards = repliedCards(answer).map(checked);
      return { answer, cards, card: cards[cards.length - 1]! };
    },
    async press(user: DemoUser, verb: string, data: Record<string, unknown>, scope: 'personal' | 'channel' = 'personal') {
      const answer = keep(await post(app.url, invoke(user, verb, data, { ...where, scope })));
      return checked(invokeCard(answer));
    },
  };
}

async function principal(service: HaloImportService, user: DemoUser): Promise<Principal> {
  return service.resolveCaller({ entraTenantId: DEMO_TENANT, entraObjectId: user.aadObjectId });
}

function draftIdOf(card: Record<string, unknown>): string {
  const approve = executeActions(card).find((a) => a.verb === 'halo.cancelImport');
  expect(approve).toBeDefined();
  return String(approve!.data.draftId);
}

async function connect(app: BotApp, d: ReturnType<typeof driver>, user: DemoUser = USERS.ada) {
  return d.press(user, 'halo.saveCredentials', {
    teamId: 'team-x',
    tenantId: app.sandbox.tenant,
    clientId: app.sandbox.clientId,
    clientSecret: app.sandbox.clientSecret,
    baseUrl: app.sandbox.url,
  });
}

describe('the bot journey over /api/messages against the HaloPSA sandbox', () => {
  let app: BotApp;
  let d: ReturnType<typeof driver>;
  beforeAll(async () => {
    app = await startBotApp({ bot: { progressAfterMs: 10_000 } });
    d = driver(app);
  });
  afterAll(() => app.close());

  it('welcomes once on personal install', async () => {
    const first = await post(app.url, installed(USERS.ada, { serviceUrl: app.connector.url }));
    const cards = repliedCards(first);
    expect(cards).toHaveLength(1);
    expect(cardProblems(cards[0])).toEqual([]);
    expect(cardText(cards[0])).toContain('Welcome to Halo Import');
    const again = await post(app.url, installed(USERS.ada, { serviceUrl: app.connector.url }));
    expect(replies(again)).toEqual([]);
  });

  it.each(['help', 'HELP', 'Hi', 'hello'])('"%s" lists the commands', async (text) => {
    const { card } = await d.say(USERS.ada, text);
    expect(cardText(card)).toContain('import halo users to <Team>');
    expect(cardText(card)).not.toContain('Welcome');
  });

  it('answers gibberish with the way forward, not a dead end', async () => {
    const { card } = await d.say(USERS.ada, 'make me a sandwich');
    expect(cardText(card)).toContain('I didn’t understand “make me a sandwich”');
    expect(executeActions(card).map((a) => a.verb)).toContain('halo.chooseTeam');
  });

  it('asks for credentials first, and refuses wrong ones saying why, storing nothing', async () => {
    const { card } = await d.say(USERS.ada, '  IMPORT halo users   to team x ');
    expect([...inputs(card).keys()]).toEqual(['tenantId', 'clientId', 'clientSecret', 'baseUrl']);
    expect(executeActions(card)[0]).toMatchObject({ verb: 'halo.saveCredentials', data: { teamId: 'team-x' } });

    const refused = await d.press(USERS.ada, 'halo.saveCredentials', {
      teamId: 'team-x',
      tenantId: app.sandbox.tenant,
      clientId: app.sandbox.clientId,
      clientSecret: WRONG_SECRET,
      baseUrl: app.sandbox.url,
    });
    expect(cardText(refused)).toContain('HaloPSA refused the Client ID or Client Secret');
    expect(cardText(refused)).toContain('Nothing was saved');
    expect(inputs(refused).get('clientSecret')).not.toHaveProperty('value');
    expect(inputs(refused).get('clientId')).toMatchObject({ value: app.sandbox.clientId });
    const ada = await principal(app.service, USERS.ada);
    expect((await app.service.getConnection(ada)).configured).toBe(false);
  });

  let userIds = '';
  let draftId = '';
  let importable = 0;

  it('stores the right credentials and offers the HaloPSA customers with breadcrumbs', async () => {
    const groups = await connect(app, d);
    const text = cardText(groups);
    expect(text).toContain('Contoso MSP › Team X');
    expect(text).toContain(`Using stored HaloPSA credentials for tenant ${app.sandbox.tenant}`);
    const choice = inputs(groups).get('groupId')!;
    expect(choice).toMatchObject({ type: 'Input.ChoiceSet', style: 'filtered' });
    expect((choice.choices as { title: string; value: string }[]).find((c) => c.value === String(SANDBOX_GROUPS.acme))?.title).toBe('Acme Corporation');
    expect(executeActions(groups).map((a) => a.verb)).toEqual(['halo.loadUsers', 'halo.changeCredentials']);
  });

  it('lists the group users with ✓ and red ✗ reasons', async () => {
    const users = await d.press(USERS.ada, 'halo.loadUsers', { teamId: 'team-x', groupId: String(SANDBOX_GROUPS.acme) });
    const text = cardText(users);
    expect(text).toContain('Contoso MSP › Team X › Acme Corporation');
    expect(text).toContain('Already a member of Team X');
    expect(text).toContain('Already has a BrainStation account');
    expect(text).toContain('No email address in HaloPSA');
    expect(text).toContain('Inactive in HaloPSA');
    const choice = inputs(users).get('userIds')!;
    expect(choice).toMatchObject({ isMultiSelect: true });
    userIds = String(choice.value);
    expect(userIds).toMatch(/^\d+(,\d+)*$/);
    const all = executeActions(users).find((a) => a.data.allImportable === true)!;
    importable = Number(/Import all (\d+)/.exec(all.title)![1]);
    expect(importable).toBeGreaterThanOrEqual(userIds.split(',').length);
  });

  it('turns the selection into an approval card that says who asked and what is skipped', async () => {
    const approval = await d.press(USERS.ada, 'halo.requestImport', { teamId: 'team-x', groupId: SANDBOX_GROUPS.acme, page: 1, userIds });
    const n = userIds.split(',').length;
    expect(cardText(approval)).toContain(`Import ${n} user${n === 1 ? '' : 's'} into Team X from Acme Corporation?`);
    expect(cardText(approval)).toContain('Asked by Ada Admin');
    expect((approval as { refresh?: unknown }).refresh).toMatchObject({ action: { verb: 'halo.refreshDraft' } });
    draftId = draftIdOf(approval);
  });

  it('imports on approve, once, and records it in the store', async () => {
    const ada = await principal(app.service, USERS.ada);
    const before = await app.service.listMembers(ada, 'team-x');
    const result = await d.press(USERS.ada, 'halo.approveImport', { draftId });
    const n = userIds.split(',').length;
    expect(cardText(result)).toContain(`Imported ${n} user`);
    expect(cardText(result)).toContain('Approved by: Ada Admin');
    expect(executeActions(result)).toEqual([]);
    const after = await app.service.listMembers(ada, 'team-x');
    expect(after).toHaveLength(before.length + n);
    expect(after.filter((m) => m.source === 'halo-import')).toHaveLength(n);

    const again = await d.press(USERS.ada, 'halo.approveImport', { draftId });
    expect(cardText(again)).toContain(`Imported ${n} user`);
    expect(await app.service.listMembers(ada, 'team-x')).toHaveLength(after.length);
    const imports = await app.service.listImports(ada, 'team-x');
    expect(imports).toHaveLength(1);
  });

  it('shows the final state on refresh, to anyone of the reseller', async () => {
    const card = await d.press(USERS.rita, 'halo.refreshDraft', { draftId });
    expect(cardText(card)).toMatch(/Imported \d+ user/);
  });

  it('cancel imports nothing, and a later approve shows the cancellation', async () => {
    const ada = await principal(app.service, USERS.ada);
    const approval = await d.press(USERS.ada, 'halo.requestImport', { teamId: 'team-fabrikam', groupId: SANDBOX_GROUPS.fabrikam, page: 1, userIds: '1501,1502' });
    const id = draftIdOf(approval);
    const cancelled = await d.press(USERS.ada, 'halo.cancelImport', { draftId: id });
    expect(cardText(cancelled)).toContain('cancelled');
    const late = await d.press(USERS.rita, 'halo.approveImport', { draftId: id });
    expect(cardText(late)).toContain('Nobody was imported');
    expect(await app.service.listMembers(ada, 'team-fabrikam')).toHaveLength(0);
  });

  it('refuses an import over the Team’s limit with the numbers, back on the users card', async () => {
    const card = await d.press(USERS.ada, 'halo.requestImport', { teamId: 'team-fabrikam', groupId: SANDBOX_GROUPS.fabrikam, allImportable: true });
    expect(cardText(card)).toContain('Fabrikam Retail allows 10 users');
    expect(inputs(card).get('userIds')).toBeDefined();
  });

  it('asks to choose when several Teams match and lists the Teams when none does', async () => {
    const several = await d.say(USERS.ada, 'import halo users to a');
    expect(inputs(several.card).get('teamId')).toBeDefined();
    expect(cardText(several.card)).toContain('Several Teams match “a”');
    const none = await d.say(USERS.ada, 'import halo users to Globex');
    expect(cardText(none.card)).toContain('No Team matches “Globex”. Your Teams: Acme Corporation, Fabrikam Retail, Team X.');
  });

  it('refuses a client admin politely, on commands and on cards', async () => {
    const { card } = await d.say(USERS.carl, 'import halo users to Team X');
    expect(cardText(card)).toContain('Only reseller admins can use HaloPSA import');
    const pressed = await d.press(USERS.carl, 'halo.loadUsers', { teamId: 'team-x', groupId: SANDBOX_GROUPS.acme });
    expect(cardText(pressed)).toContain('Only reseller admins can use HaloPSA import');
    expect(cardText(pressed)).not.toContain('Acme Corporation ·');
  });

  it('never lets one reseller reach another reseller’s Team or draft', async () => {
    const { card } = await d.say(USERS.nora, 'import halo users to Team X');
    expect(cardText(card)).toContain('No Team matches “Team X”. Your Teams: Northwind Stores.');
    const users = await d.press(USERS.nora, 'halo.loadUsers', { teamId: 'team-x', groupId: SANDBOX_GROUPS.acme });
    expect(cardText(users)).toContain('not found');
    const ada = await principal(app.service, USERS.ada);
    const approval = await d.press(USERS.ada, 'halo.requestImport', { teamId: 'team-acme', groupId: SANDBOX_GROUPS.acme, allImportable: true });
    const id = draftIdOf(approval);
    const stolen = await d.press(USERS.nora, 'halo.approveImport', { draftId: id });
    expect(cardText(stolen)).toContain('not found');
    const seenByNora = await d.press(USERS.nora, 'halo.refreshDraft', { draftId: id });
    expect(cardText(seenByNora)).not.toContain('Acme');
    expect(await app.service.listMembers(ada, 'team-acme')).toHaveLength(0);
    await d.press(USERS.ada, 'halo.cancelImport', { draftId: id });
  });

  it('tells an unknown caller they are not a reseller admin', async () => {
    const { card } = await d.say(USERS.uma, 'status');
    expect(cardText(card)).toContain('You are not a BrainStation reseller admin');
  });

  it('reports status with the tenant and the last imports', async () => {
    const { card } = await d.say(USERS.ada, 'status');
    const text = cardText(card);
    expect(text).toContain(`Tenant: ${app.sandbox.tenant}`);
    expect(text).toMatch(/Team X: \d+ imported/);
  });

  it('asks for a selection instead of importing nobody', async () => {
    const card = await d.press(USERS.ada, 'halo.requestImport', { teamId: 'team-x', groupId: SANDBOX_GROUPS.acme, page: 1, userIds: '' });
    expect(cardText(card)).toContain('Select at least one user');
  });

  it('answers an unknown verb with an error body, not a crash', async () => {
    const answer = await post(app.url, invoke(USERS.ada, 'halo.selfDestruct', {}, { serviceUrl: app.connector.url }));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ type: 'application/vnd.microsoft.error' });
  });

  it('shows a HaloPSA outage, after the client’s retries, as a card with the reason and a retry', async () => {
    app.sandbox.faults.serverError(50);
    try {
      const card = await d.press(USERS.ada, 'halo.loadUsers', { teamId: 'team-acme', groupId: SANDBOX_GROUPS.initech });
      expect(cardText(card)).toContain('HaloPSA had an internal error');
      expect(executeActions(card)[0]).toMatchObject({ verb: 'halo.loadUsers', title: 'Try again', data: { teamId: 'team-acme' } });
    } finally {
      app.sandbox.faults.reset();
    }
  }, 30_000);

  it('sends the admin to new credentials when HaloPSA stops accepting the stored ones', async () => {
    app.sandbox.faults.forbidden(true);
    try {
      const card = await d.press(USERS.ada, 'halo.loadUsers', { teamId: 'team-acme', groupId: SANDBOX_GROUPS.tailspin });
      expect(cardText(card)).toContain('HaloPSA refused to list customers or users');
      expect(executeActions(card).map((a) => a.verb)).toContain('halo.changeCredentials');
    } finally {
      app.sandbox.faults.reset();
    }
  });

  it('disconnects only after a confirm card', async () => {
    const ada = await principal(app.service, USERS.ada);
    const { card } = await d.say(USERS.ada, 'disconnect halo');
    expect(executeActions(card).map((a) => a.verb)).toEqual(['halo.confirmDisconnect', 'halo.keepConnection']);
    await d.press(USERS.ada, 'halo.keepConnection', {});
    expect((await app.service.getConnection(ada)).configured).toBe(true);
    const done = await d.press(USERS.ada, 'halo.confirmDisconnect', {});
    expect(cardText(done)).toContain('disconnected');
    expect((await app.service.getConnection(ada)).configured).toBe(false);
  });

  it('never shows or logs the secret', () => {
    const everything = [...d.seen, ...app.logLines, ...app.connector.calls.map((c) => JSON.stringify(c.body))].join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    expect(everything).not.toContain(app.sandbox.clientSecret);
    expect(everything).not.toContain(WRONG_SECRET);
  });
});
