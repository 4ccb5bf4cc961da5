import { z } from 'zod';

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

/**
 * A boolean variable: true/false/1/0/yes/no in any case. `z.coerce.boolean()` would read
 * "false" as true, so this parses the words itself. Unset stays `undefined` so a default can apply.
 */
export const envBoolean = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const value = raw.toLowerCase();
    if (value === '') return undefined;
    if (TRUE.has(value)) return true;
    if (FALSE.has(value)) return false;
    ctx.addIssue({ code: 'custom', message: `must be true or false (also 1/0, yes/no), not "${raw}"` });
    return z.NEVER;
  })
  .optional();

/** A TCP port; 0 asks the OS for a free one (tests). */
export const envPort = z
  .string()
  .trim()
  .regex(/^\d+$/, 'must be a whole number from 0 to 65535')
  .transform(Number)
  .refine((n) => n >= 0 && n <= 65535, 'must be a whole number from 0 to 65535')
  .optional();

/** A variable where an empty string means "unset". */
export const envText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
