import type { Kysely, Selectable } from 'kysely';
import type { EligibilityStatus } from '../../contracts';
import type { Database, ImportOutcomeTable, ImportTable } from '../database.types';
import type { ImportRepository, Outcome, StoredImport } from '../store.types';
import { BULK_CHUNK, bulkInsert, chunks, LOOKUP_CHUNK, toNumber, type BulkColumn } from './batch';

const OUTCOME_COLUMNS: readonly BulkColumn[] = [
  { name: 'import_id', type: 'text' },
  { name: 'seq', type: 'integer' },
  { name: 'halo_id', type: 'integer' },
  { name: 'outcome', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'reason', type: 'text' },
  { name: 'account_id', type: 'text' },
  { name: 'email', type: 'text' },
];

export function createImportRepository(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): ImportRepository {
  /** loads outcomes for several imports at once, so a list is two queries, not N+1 */
  const hydrate = async (rows: Selectable<ImportTable>[]): Promise<StoredImport[]> => {
    const byImport = new Map<string, Selectable<ImportOutcomeTable>[]>(rows.map((r) => [r.id, []]));
    for (const chunk of chunks([...byImport.keys()], LOOKUP_CHUNK)) {
      if (chunk.length === 0) continue;
      const outcomes = await db
        .selectFrom('import_outcomes')
        .selectAll()
        .where('import_id', 'in', chunk)
        .orderBy('import_id')
        .orderBy('seq')
        .execute();
      for (const o of outcomes) byImport.get(o.import_id)?.push(o);
    }
    return rows.map((r) => toImport(r, byImport.get(r.id) ?? []));
  };

  return {
    async get(id) {
      const row = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
      return row && (await hydrate([row]))[0];
    },
    async findByKey(resellerId, idempotencyKey) {
      const row = await db
        .selectFrom('imports')
        .selectAll()
        .where('reseller_id', '=', resellerId)
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirst();
      return row && (await hydrate([row]))[0];
    },
    async listByTeam(teamId, limit) {
      const rows = await db
        .selectFrom('imports')
        .selectAll()
        .where('team_id', '=', teamId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return hydrate(rows);
    },
    async insert(row, outcomes) {
      await db
        .insertInto('imports')
        .values({
          id: row.id,
          reseller_id: row.resellerId,
          team_id: row.teamId,
          group_id: row.groupId,
          idempotency_key: row.idempotencyKey,
          request_hash: row.requestHash,
          status: row.status,
          requested_by: row.requestedBy,
          requested_by_id: row.requestedById,
          approved_by: row.approvedBy,
          approved_by_id: row.approvedById,
          created_at: row.createdAt,
          completed_at: row.completedAt,
        })
        .execute();
      const values = outcomes.map((o, seq) => [
        row.id,
        seq,
        o.haloId,
        o.outcome,
        o.outcome === 'skipped' ? o.status : null,
        o.outcome === 'imported' ? '' : o.reason,
        o.outcome === 'imported' ? o.accountId : null,
        o.outcome === 'imported' ? o.email : null,
      ]);
      for (const chunk of chunks(values, BULK_CHUNK)) {
        await bulkInsert(dialect, 'import_outcomes', OUTCOME_COLUMNS, chunk).execute(db);
      }
    },
  };
}

function toImport(r: Selectable<ImportTable>, outcomes: Selectable<ImportOutcomeTable>[]): StoredImport {
  const record: StoredImport = {
    id: r.id,
    resellerId: r.reseller_id,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    status: r.status,
    teamId: r.team_id,
    groupId: toNumber(r.group_id),
    requestedBy: r.requested_by,
    approvedBy: r.approved_by,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    imported: [],
    skipped: [],
    failed: [],
  };
  for (const o of outcomes) {
    const haloId = toNumber(o.halo_id);
    if (o.outcome === 'imported') record.imported.push({ haloId, email: o.email ?? '', accountId: o.account_id ?? '' });
    else if (o.outcome === 'skipped') {
      record.skipped.push({ haloId, status: (o.status ?? 'exists') as EligibilityStatus, reason: o.reason });
    } else record.failed.push({ haloId, reason: o.reason });
  }
  return record;
}

export type { Outcome };
