import { z } from 'zod';
import type { HaloGroup, HaloUser } from '../contracts';

// These three run on every field of every row (50,000 users = 350,000 fields), so they are
// single transforms that check the type themselves instead of unions, which try each member.

/** Halo ids arrive as 12, 12.0 (JSON can hold either) or "12": all mean 12. */
export const haloId = z.unknown().transform((v, ctx) => {
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'string' && /^\s*-?\d+(\.0+)?\s*$/.test(v)
        ? Number(v)
        : NaN;
  if (!Number.isSafeInteger(n)) {
    ctx.addIssue({
      code: 'custom',
      message: `id ${JSON.stringify(v) ?? 'missing'} is not a whole number`,
    });
    return z.NEVER;
  }
  return n;
});

/** A text field: strings as they are, numbers as text, null or missing as ''. */
const text = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    if (typeof v === 'string') return v;
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return String(v);
    ctx.addIssue({ code: 'custom', message: `expected text, got ${typeof v}` });
    return z.NEVER;
  });

/** A yes/no field: true, 1, "true", "1", "yes" are yes; anything else is no. */
const flag = z
  .unknown()
  .optional()
  .transform(
    (v) => v === true || v === 1 || (typeof v === 'string' && /^\s*(true|1|yes)\s*$/i.test(v)),
  );

/** `GET /api/authinfo`: only these two fields are known to be used (halopsa-api.md §1.4). */
export const authInfoSchema = z.object({
  auth_url: z.string().trim().min(1).optional(),
  tenant_id: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined ? undefined : String(v))),
});

/** `POST /token` success. */
export const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z
    .union([z.number(), z.string().regex(/^\d+$/)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Number(v))),
});

/** An OAuth or Halo error body; any of these keys may carry the reason. */
export const errorBodySchema = z
  .object({
    error: z.string().optional(),
    error_description: z.string().optional(),
    Message: z.string().optional(),
    message: z.string().optional(),
    errorMessage: z.string().optional(),
  })
  .partial();

/** One Halo Client (the product's group); Halo sends ~450 fields, we keep these. */
export const haloClientRecordSchema = z
  .object({ id: haloId, name: text, inactive: flag })
  .transform((c): HaloGroup & { inactive: boolean } => ({
    id: c.id,
    name: c.name.trim(),
    inactive: c.inactive,
  }));

/** One Halo end-user from `/api/Users` (schema `Users_List`). */
export const haloUserRecordSchema = z
  .object({
    id: haloId,
    name: text,
    firstname: text,
    surname: text,
    emailaddress: text,
    site_name: text,
    inactive: flag,
  })
  .transform((u): HaloUser => ({
    id: u.id,
    name: u.name.trim() !== '' ? u.name.trim() : `${u.firstname} ${u.surname}`.trim(),
    email: u.emailaddress,
    site: u.site_name,
    inactive: u.inactive,
  }));

const recordCount = z
  .union([z.number(), z.string().regex(/^\d+(\.0+)?$/), z.null()])
  .optional()
  .transform((v) => (v === undefined || v === null ? undefined : Math.trunc(Number(v))));

/**
 * A page: the envelope `{record_count, <key>: [...]}` or a bare array. Rows stay `unknown`
 * here so one odd record can be reported and skipped instead of failing the whole list.
 */
export const pageSchemas = {
  clients: z.union([
    z
      .array(z.unknown())
      .transform((rows) => ({ recordCount: undefined as number | undefined, rows })),
    z
      .object({ record_count: recordCount, clients: z.array(z.unknown()) })
      .transform((e) => ({ recordCount: e.record_count, rows: e.clients })),
  ]),
  users: z.union([
    z
      .array(z.unknown())
      .transform((rows) => ({ recordCount: undefined as number | undefined, rows })),
    z
      .object({ record_count: recordCount, users: z.array(z.unknown()) })
      .transform((e) => ({ recordCount: e.record_count, rows: e.users })),
  ]),
} as const;

/** What a page parses to. */
export interface ParsedPage {
  readonly recordCount: number | undefined;
  readonly rows: readonly unknown[];
}
