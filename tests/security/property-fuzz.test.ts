import fc from 'fast-check';
import { z } from 'zod';
import { envBoolean, loadConfig } from '../../src/config';
import {
  apiErrorSchema,
  connectionViewSchema,
  createImportBodySchema,
  ELIGIBILITY_STATUSES,
  haloCredentialsInputSchema,
  haloGroupSchema,
  importRecordSchema,
  memberSchema,
  meSchema,
  previewSchema,
  statusCountsSchema,
  teamSummarySchema,
  type EligibilityStatus,
  type HaloUser,
} from '../../src/contracts';
import { isAppError } from '../../src/errors';
import { computeEligibility } from '../../src/import';

// Property-based fuzzing (fast-check) of the trust-bearing pure code: eligibility (spec §2: no
// duplicate accounts, one status each), the shared zod contracts, and the environment parser.
// A failure prints the seed and the shrunk counterexample; rerun with fc.assert(..., { seed }).

// ---------------------------------------------------------------------------------------------
// Eligibility

/** The spec's own definition of "the same email", written here independently of src/import. */
const norm = (email: string) => email.trim().normalize('NFC').toLowerCase();

// A small pool so collisions (duplicates, members, accounts) are frequent; case, padding and
// Unicode composition vary the spelling of one address.
const LOCALS = ['jane', 'john.smith', 'zo\u00eb', 'zoe\u0308', 'li.lei', 'a+b'];
const DOMAINS = ['acme.example', 'ACME.example', 'b\u00fccher.example'];
const spelled = fc
  .tuple(fc.constantFrom(...LOCALS), fc.constantFrom(...DOMAINS), fc.boolean(), fc.constantFrom('', ' ', '\t', '  \u00a0'))
  .map(([local, domain, upper, pad]) => `${pad}${upper ? local.toUpperCase() : local}@${domain}${pad}`);
const emailArb = fc.oneof(
  { weight: 6, arbitrary: spelled },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u00a0', '\t\n') },
  { weight: 1, arbitrary: fc.constantFrom('jane@', '@acme.example', 'no-at-sign', 'a b@acme.example', 'jane@@acme.example', 'x@y') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const usersArb = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 10_000 }),
    name: fc.string({ maxLength: 8 }),
    email: emailArb,
    site: fc.constantFrom('Head Office', 'Warehouse', ''),
    inactive: fc.boolean(),
  }),
  { selector: (u) => u.id, maxLength: 40 },
);
const emailSetArb = fc.uniqueArray(spelled.map(norm), { maxLength: 6 }).map((a) => new Set(a));
const inputArb = fc.record({ users: usersArb, memberEmails: emailSetArb, accountEmails: emailSetArb });

function run(input: { users: HaloUser[]; memberEmails: Set<string>; accountEmails: Set<string> }) {
  return computeEligibility({ ...input, teamName: 'Team X' });
}

describe('eligibility (fast-check)', () => {
  it('gives every user exactly one status, and the counts add up', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { rows, counts } = run(input);
        expect(rows.map((r) => r.haloId).sort((a, b) => a - b)).toEqual(input.users.map((u) => u.id).sort((a, b) => a - b));
        for (const r of rows) expect(ELIGIBILITY_STATUSES).toContain(r.status);
        const tally = Object.fromEntries(ELIGIBILITY_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
        expect(counts).toEqual(tally);
      }),
    );
  });

  it('makes importable only active users with a valid, unused email', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const byId = new Map(input.users.map((u) => [u.id, u]));
        for (const r of run(input).rows.filter((x) => x.status === 'importable')) {
          const u = byId.get(r.haloId)!;
          const e = norm(u.email);
          expect(e).not.toBe('');
          expect(e).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
          expect(u.inactive).toBe(false);
          expect(input.memberEmails.has(e)).toBe(false);
          expect(input.accountEmails.has(e)).toBe(false);
        }
      }),
    );
  });

  it('never lets two importable rows share an email (trimmed, NFC, case-insensitive)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const emails = run(input)
          .rows.filter((r) => r.status === 'importable')
          .map((r) => norm(r.email));
        expect(new Set(emails).size).toBe(emails.length);
      }),
    );
  });

  it('never makes importable an email that already has an account or is a member', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const byId = new Map(input.users.map((u) => [u.id, u]));
        for (const r of run(input).rows) {
          const e = norm(byId.get(r.haloId)!.email);
          if (input.accountEmails.has(e) || input.memberEmails.has(e)) expect(r.status).not.toBe('importable');
        }
      }),
    );
  });

  it('applies the rules in the spec’s order', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const byId = new Map(input.users.map((u) => [u.id, u]));
        for (const r of run(input).rows) {
          const u = byId.get(r.haloId)!;
          if (norm(u.email) === '') expect(r.status).toBe('no_email');
          else if (r.status !== 'invalid_email' && u.inactive) expect(r.status).toBe('inactive');
        }
      }),
    );
  });

  it('names the lowest Halo id of an email as the candidate of every duplicate', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { rows } = run(input);
        const byId = new Map(input.users.map((u) => [u.id, u]));
        for (const r of rows.filter((x) => x.status === 'duplicate')) {
          const e = norm(byId.get(r.haloId)!.email);
          const open = rows.filter((x) => !['no_email', 'invalid_email', 'inactive'].includes(x.status) && norm(byId.get(x.haloId)!.email) === e);
          const lowest = Math.min(...open.map((x) => x.haloId));
          expect(lowest).toBeLessThan(r.haloId);
          expect(r.reason).toContain(`(Halo #${lowest})`);
        }
      }),
    );
  });

  it('does not depend on the order HaloPSA lists the users in', () => {
    fc.assert(
      fc.property(
        inputArb.chain((input) => fc.tuple(fc.constant(input), fc.shuffledSubarray(input.users, { minLength: input.users.length, maxLength: input.users.length }))),
        ([input, shuffled]) => {
          const statusOf = (rows: { haloId: number; status: EligibilityStatus; reason: string }[]) =>
            Object.fromEntries(rows.map((r) => [r.haloId, `${r.status}: ${r.reason}`]));
          expect(statusOf(run({ ...input, users: shuffled }).rows)).toEqual(statusOf(run(input).rows));
        },
      ),
    );
  });

  it('keeps a Halo id listed twice (overlapping pages) once', () => {
    fc.assert(
      fc.property(usersArb, fc.nat(), (users, pick) => {
        fc.pre(users.length > 0);
        const again = users[pick % users.length]!;
        const { rows } = run({ users: [...users, { ...again, name: 'second copy' }], memberEmails: new Set(), accountEmails: new Set() });
        expect(rows.filter((r) => r.haloId === again.id)).toHaveLength(1);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The zod contracts

const SCHEMAS: [string, z.ZodType][] = [
  ['haloCredentialsInputSchema', haloCredentialsInputSchema],
  ['createImportBodySchema', createImportBodySchema],
  ['previewSchema', previewSchema],
  ['importRecordSchema', importRecordSchema],
  ['meSchema', meSchema],
  ['teamSummarySchema', teamSummarySchema],
  ['memberSchema', memberSchema],
  ['connectionViewSchema', connectionViewSchema],
  ['haloGroupSchema', haloGroupSchema],
  ['statusCountsSchema', statusCountsSchema],
  ['apiErrorSchema', apiErrorSchema],
];

const str = fc.string({ maxLength: 20, unit: 'binary' });
const int = fc.integer({ min: 1, max: 2 ** 31 });
const status = fc.constantFrom(...ELIGIBILITY_STATUSES);
const countsArb = fc.record(Object.fromEntries(ELIGIBILITY_STATUSES.map((s) => [s, fc.nat()])) as Record<EligibilityStatus, fc.Arbitrary<number>>);
const VALID: [string, z.ZodType, fc.Arbitrary<unknown>][] = [
  ['createImportBodySchema', createImportBodySchema, fc.record({ groupId: int, haloUserIds: fc.array(int, { minLength: 1, maxLength: 50 }) })],
  [
    'previewSchema',
    previewSchema,
    fc.record({
      team: fc.record({ id: str, name: str }),
      breadcrumbs: fc.tuple(str, str),
      group: fc.record({ id: int, name: str }),
      users: fc.array(fc.record({ haloId: int, name: str, email: str, site: str, status, reason: str }), { maxLength: 10 }),
      counts: countsArb,
    }),
  ],
  [
    'importRecordSchema',
    importRecordSchema,
    fc.record({
      id: str,
      status: fc.constantFrom('running', 'completed', 'failed'),
      teamId: str,
      groupId: int,
      requestedBy: str,
      approvedBy: fc.option(str, { nil: null }),
      createdAt: str,
      completedAt: fc.option(str, { nil: null }),
      imported: fc.array(fc.record({ haloId: int, email: str, accountId: str }), { maxLength: 5 }),
      skipped: fc.array(fc.record({ haloId: int, status, reason: str }), { maxLength: 5 }),
      failed: fc.array(fc.record({ haloId: int, reason: str }), { maxLength: 5 }),
    }),
  ],
  ['connectionViewSchema', connectionViewSchema, fc.record({ configured: fc.boolean(), tenantId: fc.option(str, { nil: null }), clientId: fc.option(str, { nil: null }), baseUrl: fc.option(str, { nil: null }), updatedAt: fc.option(str, { nil: null }), updatedBy: fc.option(str, { nil: null }) })],
  ['apiErrorSchema', apiErrorSchema, fc.record({ error: fc.record({ code: str, message: str }) })],
];

describe('zod contracts (fast-check)', () => {
  it.each(SCHEMAS)('%s never throws on any input, and failures are ZodErrors', (_name, schema) => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true }), fc.jsonValue()), (input) => {
        const result = schema.safeParse(input);
        if (!result.success) expect(result.error).toBeInstanceOf(z.ZodError);
      }),
      { numRuns: 300 },
    );
  });

  it.each(VALID)('%s round-trips what it accepts through JSON unchanged', (_name, schema, arb) => {
    fc.assert(
      fc.property(arb, (value) => {
        const once = schema.parse(JSON.parse(JSON.stringify(value)));
        expect(once).toEqual(value);
        expect(schema.parse(JSON.parse(JSON.stringify(once)))).toEqual(once);
      }),
    );
  });

  it('haloCredentialsInputSchema is idempotent, trims, and keeps the secret byte for byte', () => {
    fc.assert(
      fc.property(fc.record({ tenantId: fc.string({ maxLength: 30 }), clientId: fc.string({ maxLength: 30 }), clientSecret: fc.string({ maxLength: 60, unit: 'binary' }), baseUrl: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }) }), (input) => {
        const first = haloCredentialsInputSchema.safeParse(input);
        if (!first.success) return;
        expect(first.data.clientSecret).toBe(input.clientSecret);
        expect(first.data.clientId).toBe(input.clientId.trim());
        expect(first.data.clientId).not.toBe('');
        expect(haloCredentialsInputSchema.parse(first.data)).toEqual(first.data);
      }),
    );
  });

  it('createImportBodySchema accepts only positive safe integers', () => {
    fc.assert(
      fc.property(fc.record({ groupId: fc.oneof(fc.double(), fc.integer(), fc.string()), haloUserIds: fc.array(fc.oneof(fc.double(), fc.integer(), fc.constant(null))) }), (body) => {
        const r = createImportBodySchema.safeParse(body);
        if (r.success) {
          for (const n of [r.data.groupId, ...r.data.haloUserIds]) expect(Number.isSafeInteger(n) && n > 0).toBe(true);
          expect(r.data.haloUserIds.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Environment parsing

const ENV_KEYS = [
  'NODE_ENV', 'PORT', 'PUBLIC_URL', 'DATA_DIR', 'DATABASE_URL', 'SECRET_KEY', 'SECRET_KEY_PREVIOUS', 'SEED_FILE', 'AUTH_MODE',
  'AUTH_CLIENT_ID', 'AUTH_ISSUER', 'AUTH_JWKS_URL', 'BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE', 'BOT_TENANT_ID', 'HALO_ALLOW_PRIVATE_URLS',
  'HALO_SANDBOX', 'HALO_SANDBOX_PORT', 'HALO_SCOPE', 'HALO_RATE_LIMIT_REQUESTS', 'HALO_RATE_LIMIT_WINDOW_SECONDS',
] as const;
const GOOD_KEY = Buffer.alloc(32, 5).toString('base64');
const envValue = fc.oneof(
  fc.string({ maxLength: 16 }),
  fc.constantFrom('', ' ', 'true', 'FALSE', 'yes', 'No', '1', '0', 'maybe', 'production', 'test', 'dev', 'entra', '3978', '-1', '65536', '0x10', GOOD_KEY, 'c2hvcnQ=', 'sqlite::memory:', 'sqlite:', 'postgres://u@h/db', 'mysql://x', 'https://app.example', 'not a url', 'SingleTenant'),
);
const envArb = fc.dictionary(fc.constantFrom(...ENV_KEYS), envValue, { maxKeys: ENV_KEYS.length });

describe('environment parsing (fast-check)', () => {
  it('either builds a frozen config or throws config_invalid naming a variable: nothing else', () => {
    fc.assert(
      fc.property(envArb, fc.boolean(), (env, withKey) => {
        const full = withKey ? { SECRET_KEY: GOOD_KEY, ...env } : env;
        let config: ReturnType<typeof loadConfig> | undefined;
        try {
          config = loadConfig(full, { demoSeedFile: 'seed.json' });
        } catch (error) {
          expect(isAppError(error)).toBe(true);
          if (isAppError(error)) {
            expect(error.code).toBe('config_invalid');
            expect(error.message).toMatch(/[A-Z_]{4,}/);
          }
          return;
        }
        expect(Object.isFrozen(config)).toBe(true);
        expect(Object.isFrozen(config.halo)).toBe(true);
        expect(config.port).toBeGreaterThanOrEqual(0);
        expect(config.port).toBeLessThanOrEqual(65535);
        if (config.production) {
          expect(config.auth.mode).toBe('entra');
          expect(config.bot.id).not.toBe('');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads every spelling of a boolean the spec allows, and refuses the rest', () => {
    const spelling = fc
      .tuple(fc.constantFrom('true', 'false', '1', '0', 'yes', 'no'), fc.array(fc.boolean(), { maxLength: 5 }), fc.constantFrom('', ' ', '\t'))
      .map(([word, caps, pad]) => ({ word, text: `${pad}${[...word].map((c, i) => (caps[i] ? c.toUpperCase() : c)).join('')}${pad}` }));
    fc.assert(
      fc.property(spelling, ({ word, text }) => {
        expect(envBoolean.parse(text)).toBe(['true', '1', 'yes'].includes(word));
        const config = loadConfig({ SECRET_KEY: GOOD_KEY, HALO_ALLOW_PRIVATE_URLS: text });
        expect(config.halo.allowPrivateUrls).toBe(['true', '1', 'yes'].includes(word));
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }).filter((t) => !['', 'true', 'false', '1', '0', 'yes', 'no'].includes(t.trim().toLowerCase())), (text) => {
        expect(envBoolean.safeParse(text).success).toBe(false);
      }),
    );
  });

  it('round-trips every port', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), (port) => {
        expect(loadConfig({ SECRET_KEY: GOOD_KEY, PORT: String(port) }).port).toBe(port);
      }),
      { numRuns: 200 },
    );
  });
});
