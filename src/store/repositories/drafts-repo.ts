import type { Kysely } from 'kysely';
import { z } from 'zod';
import { eligibilityStatusSchema } from '../../contracts';
import type { ImportDraft } from '../../service/service.types';
import type { Database } from '../database.types';
import type { DraftRepository } from '../store.types';
import { toNumber } from './batch';

// JSON columns are parsed like any other outside input: a hand-edited row fails loudly here
const idsSchema = z.array(z.number().int());
const toImportSchema = z.array(z.object({ haloId: z.number().int(), name: z.string(), email: z.string() }));
const skippedSchema = z.array(
  z.object({ haloId: z.number().int(), name: z.string(), status: eligibilityStatusSchema, reason: z.string() }),
);

export function createDraftRepository(db: Kysely<Database>): DraftRepository {
  return {
    async insert(d) {
      await db
        .insertInto('import_drafts')
        .values({
          id: d.id,
          reseller_id: d.resellerId,
          team_id: d.teamId,
          group_id: d.groupId,
          group_name: d.groupName,
          halo_user_ids: JSON.stringify(d.haloUserIds),
          to_import: JSON.stringify(d.toImport),
          skipped: JSON.stringify(d.skipped),
          requested_by_id: d.requestedBy.adminId,
          requested_by_name: d.requestedBy.name,
          created_at: d.createdAt,
          status: d.status,
          import_id: d.importId,
          closed_by_id: d.closedBy?.adminId ?? null,
          closed_by_name: d.closedBy?.name ?? null,
          closed_at: d.closedAt,
        })
        .execute();
    },
    async get(id) {
      const r = await db
        .selectFrom('import_drafts as d')
        .innerJoin('teams as t', 't.id', 'd.team_id')
        .innerJoin('resellers as r', 'r.id', 'd.reseller_id')
        .selectAll('d')
        .select(['t.name as team_name', 'r.require_second_approver'])
        .where('d.id', '=', id)
        .executeTakeFirst();
      if (!r) return undefined;
      const draft: ImportDraft = {
        id: r.id,
        resellerId: r.reseller_id,
        teamId: r.team_id,
        teamName: r.team_name,
        groupId: toNumber(r.group_id),
        groupName: r.group_name,
        haloUserIds: idsSchema.parse(JSON.parse(r.halo_user_ids)),
        requestedBy: { adminId: r.requested_by_id, name: r.requested_by_name },
        createdAt: r.created_at,
        status: r.status,
        importId: r.import_id,
        closedBy:
          r.closed_by_id === null ? null : { adminId: r.closed_by_id, name: r.closed_by_name ?? '' },
        closedAt: r.closed_at,
        toImport: toImportSchema.parse(JSON.parse(r.to_import)),
        skipped: skippedSchema.parse(JSON.parse(r.skipped)),
        requireSecondApprover: toNumber(r.require_second_approver) === 1,
      };
      return draft;
    },
    async close(id, change) {
      const result = await db
        .updateTable('import_drafts')
        .set({
          status: change.status,
          closed_by_id: change.by.adminId,
          closed_by_name: change.by.name,
          closed_at: change.at,
          import_id: change.importId,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
