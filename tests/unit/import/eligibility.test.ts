import type { HaloUser } from '../../../src/contracts';
import { computeEligibility, isValidEmail, lookupEmails, normalizeEmail } from '../../../src/import';
import { haloUser } from '../../fixtures/core/halo-users';

const none = new Set<string>();
const run = (users: HaloUser[], members: string[] = [], accounts: string[] = []) =>
  computeEligibility({ users, teamName: 'Team X', memberEmails: new Set(members), accountEmails: new Set(accounts) });
const statusOf = (users: HaloUser[], id: number, members?: string[], accounts?: string[]) =>
  run(users, members, accounts).rows.find((r) => r.haloId === id);

describe('normalizeEmail', () => {
  it.each([
    ['  Jane@Acme.Example ', 'jane@acme.example'],
    ['JANE@ACME.EXAMPLE', 'jane@acme.example'],
    ['\tjane@acme.example\n', 'jane@acme.example'],
    ['zoe\u0308@acme.example', 'zoë@acme.example'],
    ['ZOË@acme.example', 'zoë@acme.example'],
    ['', null],
    ['   ', null],
    ['\t\n', null],
  ])('%p -> %p', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it('maps decomposed and precomposed spellings to the same string', () => {
    expect(normalizeEmail('Zoe\u0308@x.example')).toBe(normalizeEmail('zo\u00eb@x.example'));
  });
});

describe('isValidEmail', () => {
  it.each([
    ['jane@acme.example', true],
    ['jane.doe+halo@sub.acme.co.uk', true],
    ["o'brien@acme.example", true],
    ['李雷@例子.中国', true],
    ['jane@', false],
    ['@acme.example', false],
    ['jane', false],
    ['jane@acme', false],
    ['jane@@acme.example', false],
    ['jane doe@acme.example', false],
    ['jane@acme..example', false],
    ['.jane@acme.example', false],
    ['jane.@acme.example', false],
    ['ja..ne@acme.example', false],
    ['jane@-acme.example', false],
    ['jane@acme.e', false],
    [`${'a'.repeat(65)}@acme.example`, false],
    [`a@${'b'.repeat(250)}.example`, false],
  ])('%p is %p', (email, valid) => {
    expect(isValidEmail(email)).toBe(valid);
  });
});

describe('computeEligibility: one status per user, first rule wins', () => {
  it.each<[string, HaloUser[], number, string[], string[], string, string]>([
    ['an ordinary user', [haloUser(1)], 1, [], [], 'importable', 'Ready to import'],
    ['a blank email', [haloUser(1, { email: '' })], 1, [], [], 'no_email', 'No email address in HaloPSA'],
    ['a whitespace email', [haloUser(1, { email: '   ' })], 1, [], [], 'no_email', 'No email address in HaloPSA'],
    ['an invalid email', [haloUser(1, { email: ' jane@ ' })], 1, [], [], 'invalid_email', 'Email address is not valid: "jane@"'],
    ['an inactive user', [haloUser(1, { inactive: true })], 1, [], [], 'inactive', 'Inactive in HaloPSA'],
    ['a member (padded, capitals)', [haloUser(1, { email: ' Existing@Acme.example ' })], 1, ['existing@acme.example'], ['existing@acme.example'], 'member', 'Already a member of Team X'],
    ['an existing account', [haloUser(1, { email: 'TAKEN@acme.example' })], 1, [], ['taken@acme.example'], 'exists', 'Already has a BrainStation account'],
    ['inactive beats member', [haloUser(1, { inactive: true, email: 'm@acme.example' })], 1, ['m@acme.example'], ['m@acme.example'], 'inactive', 'Inactive in HaloPSA'],
    ['invalid beats inactive', [haloUser(1, { inactive: true, email: 'nope' })], 1, [], [], 'invalid_email', 'Email address is not valid: "nope"'],
    ['no email beats inactive', [haloUser(1, { inactive: true, email: '' })], 1, [], [], 'no_email', 'No email address in HaloPSA'],
    ['member beats exists', [haloUser(1, { email: 'm@acme.example' })], 1, ['m@acme.example'], ['m@acme.example'], 'member', 'Already a member of Team X'],
  ])('%s', (_name, users, id, members, accounts, status, reason) => {
    expect(statusOf(users, id, members, accounts)).toMatchObject({ status, reason });
  });

  describe('duplicates inside the group', () => {
    const jane = haloUser(501, { name: 'Jane Doe', email: 'jane@acme.example' });
    it.each<[string, HaloUser[], Record<number, string>]>([
      ['lowest id is the candidate, whatever the order', [haloUser(502, { name: 'J. Doe', email: ' JANE@acme.example' }), jane], { 501: 'importable', 502: 'duplicate' }],
      ['three sharing an email', [jane, haloUser(600, { email: 'Jane@Acme.Example' }), haloUser(503, { email: 'jane@acme.example ' })], { 501: 'importable', 503: 'duplicate', 600: 'duplicate' }],
      ['an inactive lower id does not take the candidacy', [haloUser(400, { email: 'jane@acme.example', inactive: true }), jane], { 400: 'inactive', 501: 'importable' }],
      ['an invalid lower id does not either', [haloUser(400, { email: 'jane@acme.example@' }), jane], { 400: 'invalid_email', 501: 'importable' }],
      ['the candidate can be a member; the others stay duplicates', [jane, haloUser(502, { email: 'jane@acme.example' })], { 501: 'member', 502: 'duplicate' }],
      ['NFC: decomposed and precomposed spellings are the same email', [haloUser(7, { email: 'zoë@acme.example' }), haloUser(8, { email: 'Zoe\u0308@acme.example' })], { 7: 'importable', 8: 'duplicate' }],
    ])('%s', (name, users, expected) => {
      const members = name.includes('member') ? ['jane@acme.example'] : [];
      const rows = run(users, members).rows;
      expect(Object.fromEntries(rows.map((r) => [r.haloId, r.status]))).toEqual(expected);
    });

    it('names the candidate in the reason', () => {
      const rows = run([jane, haloUser(502, { email: 'JANE@acme.example' })]).rows;
      expect(rows.find((r) => r.haloId === 502)?.reason).toBe('Same email as Jane Doe (Halo #501) in this group');
    });
  });

  it('counts every status and keeps HaloPSA\'s order, deterministically', () => {
    const users = [
      haloUser(9, { name: 'zoë Åkesson', email: 'zoe@acme.example' }),
      haloUser(3, { name: '李雷', email: 'li@acme.example' }),
      haloUser(5, { name: 'Bob', email: '' }),
      haloUser(4, { name: 'bob', email: 'jane@' }),
      haloUser(2, { name: 'Anna', inactive: true }),
      haloUser(1, { name: 'Carl', email: 'm@acme.example' }),
      haloUser(6, { name: 'Dora', email: 'taken@acme.example' }),
      haloUser(7, { name: 'Eve', email: 'ZOE@acme.example' }),
    ];
    const result = run(users, ['m@acme.example'], ['m@acme.example', 'taken@acme.example']);
    expect(result.counts).toEqual({ importable: 2, member: 1, exists: 1, no_email: 1, invalid_email: 1, duplicate: 1, inactive: 1 });
    expect(result.rows.map((r) => r.haloId)).toEqual([9, 3, 5, 4, 2, 1, 6, 7]);
    expect(run(users, ['m@acme.example'], ['m@acme.example', 'taken@acme.example'])).toEqual(result);
    // the order of the input never changes a status (duplicates go by lowest id, not position)
    const reversed = run([...users].reverse(), ['m@acme.example'], ['m@acme.example', 'taken@acme.example']);
    expect(reversed.rows).toEqual([...result.rows].reverse());
  });

  it('keeps the site and the trimmed email as HaloPSA has them', () => {
    expect(run([haloUser(1, { email: '  Mixed@Case.Example ', site: 'Leeds' })]).rows[0]).toEqual({
      haloId: 1,
      name: 'User 1',
      email: 'Mixed@Case.Example',
      site: 'Leeds',
      status: 'importable',
      reason: 'Ready to import',
    });
  });

  it('keeps a Halo id seen twice (overlapping pages) once', () => {
    const result = run([haloUser(1), haloUser(1), haloUser(2)]);
    expect(result.rows.map((r) => r.haloId)).toEqual([1, 2]);
    expect(result.counts.importable).toBe(2);
  });

  it('handles an empty group', () => {
    expect(computeEligibility({ users: [], teamName: 'T', memberEmails: none, accountEmails: none }).rows).toEqual([]);
  });

  it('lists the emails worth looking up (normalized, valid, once)', () => {
    expect(lookupEmails([haloUser(1, { email: ' A@x.example' }), haloUser(2, { email: 'a@X.example' }), haloUser(3, { email: '' }), haloUser(4, { email: 'bad' })])).toEqual(['a@x.example']);
  });
});
