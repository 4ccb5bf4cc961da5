import { z } from 'zod';
import { roleSchema } from '../../contracts';
import { isValidEmail, normalizeEmail } from '../../import/email';

const text = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(200);
const id = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be 1-100 letters, digits, dots, dashes or underscores');
const guid = z.guid({ message: 'must be a GUID such as a1b2c3d4-0000-4000-8000-000000000001' });
const email = z
  .string()
  .refine((v) => {
    const n = normalizeEmail(v);
    return n !== null && isValidEmail(n);
  }, 'must be a valid email address such as jane@acme.example');

const person = z.object({ email, name: text('name') }).strict();

const admin = z
  .object({
    entraObjectId: guid,
    name: text('name'),
    role: roleSchema,
    teamId: id.optional(),
  })
  .strict();

const team = z
  .object({
    id,
    name: text('name'),
    maxUsers: z.number().int().positive('must be a positive whole number, or null for no limit').nullable().default(null),
    members: z.array(person).default([]),
  })
  .strict();

const reseller = z
  .object({
    id,
    name: text('name'),
    entraTenantId: guid,
    requireSecondApprover: z.boolean().default(false),
    admins: z.array(admin).default([]),
    teams: z.array(team).default([]),
  })
  .strict();

/** The seed file of spec §6, with the cross-checks a single field cannot express. */
export const seedSchema = z
  .object({
    resellers: z.array(reseller).default([]),
    accounts: z.array(person).default([]),
  })
  .strict()
  .superRefine((seed, ctx) => {
    const resellerIds = new Set<string>();
    const teamIds = new Set<string>();
    const identities = new Set<string>();
    seed.resellers.forEach((r, ri) => {
      if (resellerIds.has(r.id)) ctx.addIssue({ code: 'custom', path: ['resellers', ri, 'id'], message: `"${r.id}" is used twice` });
      resellerIds.add(r.id);
      const own = new Set<string>();
      r.teams.forEach((t, ti) => {
        if (teamIds.has(t.id)) {
          ctx.addIssue({ code: 'custom', path: ['resellers', ri, 'teams', ti, 'id'], message: `"${t.id}" is used twice` });
        }
        teamIds.add(t.id);
        own.add(t.id);
      });
      r.admins.forEach((a, ai) => {
        const path = ['resellers', ri, 'admins', ai];
        const identity = `${r.entraTenantId.toLowerCase()}/${a.entraObjectId.toLowerCase()}`;
        if (identities.has(identity)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'entraObjectId'], message: 'this admin is listed twice in the same tenant' });
        }
        identities.add(identity);
        if (a.role === 'client_admin' && (a.teamId === undefined || !own.has(a.teamId))) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'teamId'],
            message: `a client_admin needs the teamId of one of this reseller's teams (${[...own].join(', ') || 'none'})`,
          });
        }
        if (a.role === 'reseller_admin' && a.teamId !== undefined) {
          ctx.addIssue({ code: 'custom', path: [...path, 'teamId'], message: 'a reseller_admin has no teamId: remove it' });
        }
      });
    });
  });

/** A parsed, valid seed. */
export type Seed = z.output<typeof seedSchema>;
/** A seed as written in the JSON file (defaults not applied yet). */
export type SeedInput = z.input<typeof seedSchema>;
