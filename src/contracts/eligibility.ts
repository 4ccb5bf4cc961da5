import { z } from 'zod';

/** Every status a HaloPSA user can have; only `importable` rows can be selected (spec §2). */
export const ELIGIBILITY_STATUSES = [
  'importable',
  'member',
  'exists',
  'no_email',
  'invalid_email',
  'duplicate',
  'inactive',
] as const;

export const eligibilityStatusSchema = z.enum(ELIGIBILITY_STATUSES);
/** One eligibility status. */
export type EligibilityStatus = z.infer<typeof eligibilityStatusSchema>;

export const statusCountsSchema = z.object({
  importable: z.number().int(),
  member: z.number().int(),
  exists: z.number().int(),
  no_email: z.number().int(),
  invalid_email: z.number().int(),
  duplicate: z.number().int(),
  inactive: z.number().int(),
});
/** How many users have each status. */
export type StatusCounts = z.infer<typeof statusCountsSchema>;
