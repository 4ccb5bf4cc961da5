import { runVerb } from '../../../bot/verbs';
import type { JourneyContext } from '../../../bot/journey';
import type { AdaptiveCard, Verb } from '../../../bot/cards';
import { AppError } from '../../../src/errors';
import { createMemoryLogger } from '../../../src/logging';
import type { DraftRequest, HaloImportService, Principal } from '../../../src/service';
import { previewOf } from '../../fixtures/bot/bot-fixtures';
import { cardText, executeActions } from '../../fixtures/bot/validate-card';

const ada: Principal = {
  adminId: 'admin-ada',
  entraTenantId: 't',
  entraObjectId: 'o',
  name: 'Ada Admin',
  role: 'reseller_admin',
  resellerId: 'contoso-msp',
  resellerName: 'Contoso MSP',
  teamId: null,
};

/** A hand-written service fake: records what the bot asked for; anything else is a test bug. */
function fakeService() {
  const calls: { method: string; args: unknown[] }[] = [];
  const unused = (method: string) => () => {
    throw new AppError('internal', { detail: `fake service: ${method} is not part of this test` });
  };
  const service: HaloImportService = {
    resolveCaller: async () => ada,
    me: unused('me'),
    listTeams: unused('listTeams'),
    getTeam: unused('getTeam'),
    getConnection: unused('getConnection'),
    saveConnection: unused('saveConnection'),
    deleteConnection: unused('deleteConnection'),
    listGroups: unused('listGroups'),
    async preview(_p, teamId, groupId) {
      calls.push({ method: 'preview', args: [teamId, groupId] });
      return previewOf(60);
    },
    importUsers: unused('importUsers'),
    getImport: unused('getImport'),
    listImports: unused('listImports'),
    listMembers: unused('listMembers'),
    async createDraft(_p, request: DraftRequest) {
      calls.push({ method: 'createDraft', args: [request] });
      throw new AppError('halo_rate_limited');
    },
    getDraft: unused('getDraft'),
    approveDraft: unused('approveDraft'),
    cancelDraft: unused('cancelDraft'),
    listResellerAdmins: unused('listResellerAdmins'),
  };
  return { service, calls };
}

function context(service: HaloImportService): JourneyContext & { logger: ReturnType<typeof createMemoryLogger> } {
  return {
    service,
    logger: createMemoryLogger(),
    clock: () => 0,
    scope: 'personal',
    progressAfterMs: 1000,
    progressEveryMs: 1000,
    principal: async () => ada,
    admin: async () => ada,
    typing: async () => undefined,
    continueInPersonal: async () => true,
    sendToAdmin: async () => true,
    laterUpdater: () => undefined,
  };
}

async function run(verb: Verb, data: unknown): Promise<{ card: AdaptiveCard; calls: { method: string; args: unknown[] }[] }> {
  const { service, calls } = fakeService();
  const card = await runVerb(context(service), verb, data);
  return { card, calls };
}

describe('runVerb parses card data at the edge', () => {
  it.each`
    verb                    | data                                               | message
    ${'halo.loadUsers'}     | ${{ teamId: 'team-x' }}                            | ${'Choose a HaloPSA customer first.'}
    ${'halo.loadUsers'}     | ${{ teamId: 'team-x', groupId: 'abc' }}            | ${'Choose a HaloPSA customer first.'}
    ${'halo.loadUsers'}     | ${{ groupId: '12' }}                               | ${'Choose a Team first.'}
    ${'halo.requestImport'} | ${{ teamId: 'team-x', groupId: 12, userIds: '1,x' }} | ${'The selection is not a list of HaloPSA user ids'}
    ${'halo.approveImport'} | ${{}}                                              | ${'This card has no import request id'}
    ${'halo.saveCredentials'} | ${{ clientId: 'c' }}                             | ${'is missing or not valid'}
    ${'halo.saveCredentials'} | ${{ clientId: '', clientSecret: 's' }}           | ${'Client ID is required'}
  `('$verb with $data says "$message"', async ({ verb, data, message }) => {
    const { card, calls } = await run(verb, data);
    expect(cardText(card)).toContain(message);
    expect(calls).toEqual([]);
  });

  it.each`
    data                                              | args
    ${{ teamId: 'team-x', groupId: '12' }}            | ${['team-x', 12]}
    ${{ teamId: ' team-x ', groupId: 12, extra: 1 }}  | ${['team-x', 12]}
  `('loadUsers coerces ChoiceSet strings: $data', async ({ data, args }) => {
    const { calls } = await run('halo.loadUsers', data);
    expect(calls).toEqual([{ method: 'preview', args }]);
  });

  it.each`
    data                                                      | selection
    ${{ teamId: 'team-x', groupId: '12', userIds: '3, 1,3' }}  | ${{ kind: 'ids', haloUserIds: [3, 1] }}
    ${{ teamId: 'team-x', groupId: '12', allImportable: true }} | ${{ kind: 'allImportable' }}
    ${{ teamId: 'team-x', groupId: '12', allImportable: 'true', userIds: '5' }} | ${{ kind: 'allImportable' }}
  `('requestImport turns $data into $selection', async ({ data, selection }) => {
    const { calls, card } = await run('halo.requestImport', data);
    expect(calls).toEqual([{ method: 'createDraft', args: [{ teamId: 'team-x', groupId: 12, selection }] }]);
    // the fake refuses with a rate limit: the card says so and offers the same action again
    expect(cardText(card)).toContain('HaloPSA is rate-limiting');
    expect(executeActions(card)[0]).toMatchObject({ verb: 'halo.requestImport', title: 'Try again' });
  });

  it('never logs the action data, which may hold a secret', async () => {
    const { service } = fakeService();
    const t = context(service);
    await runVerb(t, 'halo.saveCredentials', { clientId: '', clientSecret: 'hunter2-secret' });
    expect(t.logger.lines.join('')).toContain('bad_request');
    expect(t.logger.lines.join('')).not.toContain('hunter2-secret');
  });

  it('turns an unexpected failure into a generic card, keeping the detail for the log only', async () => {
    const { service } = fakeService();
    const t = context({ ...service, preview: async () => Promise.reject(new TypeError('x is undefined')) });
    const card = await runVerb(t, 'halo.page', { teamId: 'team-x', groupId: 12, page: 2 });
    expect(cardText(card)).toContain('Something went wrong on our side');
    expect(cardText(card)).not.toContain('x is undefined');
    expect(t.logger.lines.join('')).toContain('x is undefined');
  });
});

describe('page numbers', () => {
  it.each`
    page     | asked
    ${'3'}   | ${3}
    ${2}     | ${2}
    ${undefined} | ${1}
  `('page $page shows page $asked', async ({ page, asked }) => {
    const { card } = await run('halo.page', { teamId: 'team-x', groupId: 12, page });
    expect(cardText(card)).toContain(`Page ${asked} of 3`);
  });

  it.each([0, -1, 'x', 1.5])('page %p is refused with a way back', async (page) => {
    const { card } = await run('halo.page', { teamId: 'team-x', groupId: 12, page });
    expect(cardText(card)).toContain('That page does not exist');
  });
});
