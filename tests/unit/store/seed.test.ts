import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAppError } from '../../../src/errors';
import { applySeed, loadSeedFile, parseSeed, type SeedInput } from '../../../src/store';
import { sqliteDialect, type TestStore } from '../../fixtures/core/test-stores';

const DEMO = path.join(__dirname, '..', '..', '..', 'scripts', 'seeds', 'demo.json');
const TENANT = 'a1b2c3d4-0000-4000-8000-000000000001';
const GUID = '11111111-1111-4111-8111-111111111111';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error('expected a failure');
}

const valid = (): SeedInput => ({
  resellers: [
    {
      id: 'r',
      name: 'R',
      entraTenantId: TENANT,
      admins: [{ entraObjectId: GUID, name: 'A', role: 'reseller_admin' }],
      teams: [{ id: 't', name: 'T', members: [{ email: ' Mixed@Case.Example ', name: 'M' }] }],
    },
  ],
  accounts: [{ email: 'mixed@case.example', name: 'same person, other spelling' }],
});

describe('seed validation', () => {
  it('accepts the demo seed and applies defaults', () => {
    const seed = loadSeedFile(DEMO);
    expect(seed.resellers.map((r) => r.id)).toEqual(['contoso-msp', 'northwind-it']);
    expect(parseSeed(valid()).resellers[0]).toMatchObject({ requireSecondApprover: false, teams: [{ maxUsers: null }] });
  });

  it.each<[string, (s: SeedInput) => void, RegExp]>([
    ['an empty name', (s) => (s.resellers![0]!.name = ' '), /resellers\[0\]\.name: name must not be empty/],
    ['a tenant that is not a GUID', (s) => (s.resellers![0]!.entraTenantId = 'contoso'), /resellers\[0\]\.entraTenantId: must be a GUID/],
    ['a bad role', (s) => ((s.resellers![0]!.admins![0] as { role: string }).role = 'owner'), /resellers\[0\]\.admins\[0\]\.role/],
    ['a client admin without a team', (s) => s.resellers![0]!.admins!.push({ entraObjectId: '22222222-2222-4222-8222-222222222222', name: 'C', role: 'client_admin' }), /admins\[1\]\.teamId: a client_admin needs the teamId of one of this reseller's teams \(t\)/],
    ['a reseller admin with a team', (s) => (s.resellers![0]!.admins![0]!.teamId = 't'), /admins\[0\]\.teamId: a reseller_admin has no teamId/],
    ['the same admin twice', (s) => s.resellers![0]!.admins!.push({ entraObjectId: GUID.toUpperCase(), name: 'B', role: 'reseller_admin' }), /admins\[1\]\.entraObjectId: this admin is listed twice/],
    ['a duplicate team id', (s) => s.resellers![0]!.teams!.push({ id: 't', name: 'again' }), /teams\[1\]\.id: "t" is used twice/],
    ['an invalid member email', (s) => s.resellers![0]!.teams![0]!.members!.push({ email: 'jane@', name: 'J' }), /teams\[0\]\.members\[1\]\.email: must be a valid email/],
    ['a negative maxUsers', (s) => (s.resellers![0]!.teams![0]!.maxUsers = -1), /maxUsers: must be a positive whole number/],
    ['an unknown field', (s) => ((s as Record<string, unknown>).admins = []), /\(top level\)|admins/],
  ])('names the bad path for %s', (_name, mutate, expected) => {
    const seed = valid();
    mutate(seed);
    const message = messageOf(() => parseSeed(seed, 'Seed file x.json'));
    expect(message).toMatch(/^config_invalid: Seed file x\.json is not valid: /);
    expect(message).toMatch(expected);
  });

  it('says when the file is missing or not JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"resellers": [');
    expect(messageOf(() => loadSeedFile(bad))).toMatch(/is not valid JSON/);
    expect(messageOf(() => loadSeedFile(path.join(dir, 'none.json')))).toMatch(/cannot be read: check the path/);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('applySeed', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await sqliteDialect.create();
  });
  afterEach(async () => t.dispose());

  it('creates the demo identities and data', async () => {
    const summary = await applySeed(t.store, loadSeedFile(DEMO));
    expect(summary).toEqual({ resellers: 2, teams: 4, admins: 4, accountsCreated: 3, membersAdded: 1 });
    expect(await t.store.resellers.findAdmin(TENANT, '33333333-3333-4333-8333-333333333333')).toMatchObject({
      name: 'Carl Client',
      role: 'client_admin',
      teamId: 'team-x',
      resellerId: 'contoso-msp',
    });
    expect(await t.store.teams.get('team-fabrikam')).toMatchObject({ maxUsers: 10 });
    expect((await t.store.teams.listMembers('team-x')).map((m) => [m.email, m.source])).toEqual([
      ['existing@acme.example', 'seed'],
    ]);
    expect(await t.store.accounts.findExistingEmails(['taken@acme.example', 'someone@else.example'])).toHaveProperty('size', 2);
  });

  it('changes nothing when applied twice', async () => {
    const seed = loadSeedFile(DEMO);
    await applySeed(t.store, seed);
    const before = await snapshot(t);
    expect(await applySeed(t.store, seed)).toMatchObject({ accountsCreated: 0, membersAdded: 0 });
    expect(await snapshot(t)).toEqual(before);
  });

  it('treats emails that differ only in case and spaces as one account', async () => {
    const summary = await applySeed(t.store, parseSeed(valid()));
    expect(summary.accountsCreated).toBe(1);
    expect(await t.store.teams.listMembers('t')).toMatchObject([{ email: 'Mixed@Case.Example', name: 'M' }]);
  });
});

async function snapshot(t: TestStore) {
  const s = t.store;
  return {
    accounts: await s.accounts.count(),
    admins: [...(await s.resellers.listAdmins('contoso-msp')), ...(await s.resellers.listAdmins('northwind-it'))],
    teams: [...(await s.teams.listByReseller('contoso-msp')), ...(await s.teams.listByReseller('northwind-it'))],
    members: await s.teams.listMembers('team-x'),
    audit: await s.audit.list({ limit: 100 }),
    resellers: [await s.resellers.get('contoso-msp'), await s.resellers.get('northwind-it')],
  };
}
