import { z } from 'zod';
import { eligibilityStatusSchema, statusCountsSchema } from './eligibility';
import { haloGroupSchema } from './halo';

export const roleSchema = z.enum(['reseller_admin', 'client_admin']);
export type Role = z.infer<typeof roleSchema>;

export const meSchema = z.object({
  user: z.object({ name: z.string(), role: roleSchema }),
  reseller: z.object({ id: z.string(), name: z.string() }),
});
export type Me = z.infer<typeof meSchema>;

export const teamSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  memberCount: z.number().int(),
  maxUsers: z.number().int().nullable(),
});
export type TeamSummary = z.infer<typeof teamSummarySchema>;

export const previewUserSchema = z.object({
  haloId: z.number().int(),
  name: z.string(),
  email: z.string(),
  site: z.string(),
  status: eligibilityStatusSchema,
  reason: z.string(),
});
export type PreviewUser = z.infer<typeof previewUserSchema>;

export const previewSchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  breadcrumbs: z.tuple([z.string(), z.string()]),
  group: haloGroupSchema,
  users: z.array(previewUserSchema),
  counts: statusCountsSchema,
});
export type Preview = z.infer<typeof previewSchema>;

export const importRecordSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  teamId: z.string(),
  groupId: z.number().int(),
  requestedBy: z.string(),
  approvedBy: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  imported: z.array(z.object({ haloId: z.number().int(), email: z.string(), accountId: z.string() })),
  skipped: z.array(
    z.object({ haloId: z.number().int(), status: eligibilityStatusSchema, reason: z.string() }),
  ),
  failed: z.array(z.object({ haloId: z.number().int(), reason: z.string() })),
  /** only on a `failed` import: what happened and what to do, in words for the user */
  failureReason: z.string().optional(),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;

export const memberSchema = z.object({
  accountId: z.string(),
  email: z.string(),
  name: z.string(),
  addedAt: z.string(),
  source: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

/** Body of POST /api/v1/teams/{teamId}/imports. */
export const createImportBodySchema = z.object({
  groupId: z.number().int().positive(),
  haloUserIds: z.array(z.number().int().positive()).min(1, 'Select at least one user').max(50_000),
});
export type CreateImportBody = z.infer<typeof createImportBodySchema>;

/** The error shape of every API failure. */
export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ApiError = z.infer<typeof apiErrorSchema>;
