import {
  type AdaptiveCard,
  PAGE_SIZE,
  VERBS,
  approvalCard,
  credentialsCard,
  errorCard,
  escapeMarkdown,
  resultCard,
  usersCard,
} from '../../../bot/cards';
import { draftOf, previewOf, resultOf } from '../../fixtures/bot/bot-fixtures';
import { cardProblems, cardText, executeActions, inputs } from '../../fixtures/bot/validate-card';
import { everyCard } from '../../fixtures/store/card-gallery';


describe('every card the bot can send', () => {
  it.each(everyCard)('%s parses and validates for Teams', (_name, card) => {
    expect(cardProblems(card)).toEqual([]);
  });

  it.each(everyCard)('%s survives JSON round trip and has only known verbs', (_name, card) => {
    const json = JSON.parse(JSON.stringify(card)) as AdaptiveCard;
    const known = new Set<string>(Object.values(VERBS));
    for (const a of executeActions(json)) expect(known.has(a.verb)).toBe(true);
  });
});

describe('credentials card', () => {
  it('has the spec input ids, a Password secret that is never prefilled, and carries the Team', () => {
    const card = credentialsCard({
      resellerName: 'Contoso MSP',
      team: { id: 'team-x', name: 'Team X' },
      prefill: { tenantId: 'demo', clientId: 'cid', baseUrl: null },
    });
    const ids = inputs(card);
    expect([...ids.keys()]).toEqual(['tenantId', 'clientId', 'clientSecret', 'baseUrl']);
    expect(ids.get('clientSecret')).toMatchObject({ style: 'Password' });
    expect(ids.get('clientSecret')).not.toHaveProperty('value');
    expect(ids.get('tenantId')).toMatchObject({ value: 'demo' });
    expect(executeActions(card)).toEqual([expect.objectContaining({ verb: 'halo.saveCredentials', data: { teamId: 'team-x' } })]);
  });
});

describe('users card', () => {
  it('pages at 25 rows, selects the importable ones of the page and marks the others with a red ✗ and the reason', () => {
    const preview = previewOf(30);
    const card = usersCard({ preview, page: 1 });
    const choice = inputs(card).get('userIds')!;
    expect(choice).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true });
    const page = preview.users.slice(0, PAGE_SIZE);
    const importable = page.filter((u) => u.status === 'importable').map((u) => String(u.haloId));
    expect((choice.choices as { value: string }[]).map((c) => c.value)).toEqual(importable);
    expect(choice.value).toBe(importable.join(','));
    const red = JSON.stringify(card.body.filter((e) => e.type === 'TextBlock' && e.color === 'Attention'));
    for (const u of page.filter((x) => x.status !== 'importable')) expect(red).toContain(u.reason.replace(/"/g, '\\"'));
    expect(cardText(card)).toContain(`Import all ${preview.counts.importable} importable users`);
    const next = executeActions(card).find((a) => a.verb === 'halo.page');
    expect(next?.data).toEqual({ teamId: 'team-x', groupId: 20, page: 2 });
  });

  it('carries allImportable on "Import all" and the page on "Import selected"', () => {
    const actions = executeActions(usersCard({ preview: previewOf(60), page: 2 }));
    expect(actions.find((a) => a.title.startsWith('Import all'))?.data).toEqual({ teamId: 'team-x', groupId: 20, allImportable: true });
    expect(actions.find((a) => a.title === 'Import selected')?.data).toEqual({ teamId: 'team-x', groupId: 20, page: 2 });
    expect(actions.map((a) => a.title)).toContain('Previous page');
  });

  it.each([1, 2, 100, 200])('a 5,000-user group stays under 40 KB on page %i', (page) => {
    const size = Buffer.byteLength(JSON.stringify(usersCard({ preview: previewOf(5000), page })), 'utf8');
    expect(size).toBeLessThan(40 * 1024);
  });

  it('clamps a page beyond the end to the last page', () => {
    expect(cardText(usersCard({ preview: previewOf(30), page: 99 }))).toContain('Page 2 of 2');
  });
});

describe('approval and result cards', () => {
  it('asks "Import N users into Team X from <group>?" with who asked and the skipped reasons, and refreshes for everyone', () => {
    const card = approvalCard({ resellerName: 'Contoso MSP', draft: draftOf(), viewerAdminId: 'admin-rita' });
    const text = cardText(card);
    expect(text).toContain('Import 2 users into Team X from Acme Corporation?');
    expect(text).toContain('Ada Admin');
    expect(text).toContain('Already a member of Team X');
    expect(card.refresh?.action).toEqual({ type: 'Action.Execute', verb: 'halo.refreshDraft', data: { draftId: 'draft-1' } });
    expect(card.refresh).not.toHaveProperty('userIds');
    expect(executeActions(card).map((a) => a.verb)).toEqual(['halo.approveImport', 'halo.cancelImport']);
  });

  it('offers the requester no Approve when a second approver is required', () => {
    const draft = draftOf({ requireSecondApprover: true });
    const own = approvalCard({ resellerName: 'Contoso MSP', draft, viewerAdminId: 'admin-ada' });
    expect(executeActions(own).map((a) => a.verb)).toEqual(['halo.cancelImport']);
    expect(cardText(own)).toContain('waits for another reseller admin');
    const other = approvalCard({ resellerName: 'Contoso MSP', draft, viewerAdminId: 'admin-rita' });
    expect(executeActions(other).map((a) => a.verb)).toEqual(['halo.approveImport', 'halo.cancelImport']);
  });

  it('shows counts, names, who approved and when on the result card, with no actions', () => {
    const card = resultCard({
      resellerName: 'Contoso MSP',
      draft: draftOf({ status: 'approved', closedBy: { adminId: 'admin-rita', name: 'Rita Reviewer' }, closedAt: '2026-12-03T16:05:00.000Z' }),
      result: resultOf(),
    });
    const text = cardText(card);
    expect(text).toMatch(/Imported: 2/);
    expect(text).toMatch(/Skipped: 1/);
    expect(text).toMatch(/Failed: 0/);
    expect(text).toContain('Approved by: Rita Reviewer');
    expect(text).toContain('When: 2026-12-03 16:05 UTC');
    expect(text).toContain('Zoë Åkesson');
    expect(card.actions).toEqual([]);
    expect(card.refresh).toBeDefined();
  });

  it('keeps a 5,000-user result card under 40 KB by listing at most 20 names per section', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ haloId: i, email: `user.${i}@globex.example`, accountId: `a${i}` }));
    const card = resultCard({ resellerName: 'Contoso MSP', draft: draftOf({ status: 'approved' }), result: resultOf({ imported: many }) });
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(40 * 1024);
    expect(cardText(card)).toContain('and 4,980 more');
  });
});

describe('error card', () => {
  it('replays the failed action on Retry without any secret', () => {
    const card = errorCard({
      code: 'halo_timeout',
      message: 'HaloPSA took too long to answer.',
      retry: { verb: VERBS.saveCredentials, data: { tenantId: 'demo', clientId: 'c', clientSecret: 'hunter2', teamId: 'team-x' } },
    });
    expect(JSON.stringify(card)).not.toContain('hunter2');
    expect(executeActions(card)[0]).toMatchObject({ verb: 'halo.saveCredentials', title: 'Try again' });
  });

  it.each`
    code                      | verbs
    ${'halo_invalid_client'}  | ${['halo.changeCredentials', 'halo.help']}
    ${'halo_server_error'}    | ${['halo.loadUsers', 'halo.help']}
    ${'reseller_admin_only'}  | ${['halo.help']}
    ${'not_found'}            | ${['halo.help']}
  `('$code offers $verbs', ({ code, verbs }) => {
    const card = errorCard({ code, message: 'm', retry: { verb: VERBS.loadUsers, data: { teamId: 'team-x', groupId: 12 } } });
    expect(executeActions(card).map((a) => a.verb)).toEqual(verbs);
  });
});

describe('escapeMarkdown', () => {
  it.each`
    raw                       | escaped
    ${'[x](http://evil)'}     | ${'\\[x\\](http://evil)'}
    ${'**bold** _it_'}        | ${'\\*\\*bold\\*\\* \\_it\\_'}
    ${'two\nlines'}           | ${'two lines'}
    ${'Zoë Åkesson'}          | ${'Zoë Åkesson'}
  `('$raw', ({ raw, escaped }) => {
    expect(escapeMarkdown(raw)).toBe(escaped);
  });
});

describe('the card checker itself', () => {
  it('reports what Teams would reject', () => {
    const bad = {
      type: 'AdaptiveCard',
      version: '1.6',
      body: [
        { type: 'Bogus' },
        { type: 'TextBlock', text: 'no wrap' },
        { type: 'Input.Text', id: 'a', label: 'A' },
        { type: 'Input.Text', id: 'a' },
      ],
      actions: [{ type: 'Action.Execute', title: 'Go', data: {} }],
    };
    const problems = cardProblems(bad).join('\n');
    expect(problems).toMatch(/Unknown element type "Bogus"/);
    expect(problems).toMatch(/version 1.6/);
    expect(problems).toMatch(/msteams.width/);
    expect(problems).toMatch(/without a verb/);
    expect(problems).toMatch(/no Action.Submit fallback/);
    expect(problems).toMatch(/duplicate input id a/);
    expect(problems).toMatch(/TextBlock without wrap/);
  });
});
