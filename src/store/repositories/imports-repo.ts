import type { Insertable, Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { EligibilityStatus } from '../../contracts';
import type { Database, ImportOutcomeTable, ImportTable } from '../database.types';
import type { ImportHead, ImportRepository, NewImport, Outcome, StoredImport } from '../store.types';
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

// a JSON column is outside input like any other: a hand-edited row fails loudly here
const idsSchema = z.array(z.number().int());

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

  const insertOutcomes = async (importId: string, outcomes: readonly Outcome[]) => {
    const values = outcomes.map((o, seq) => [
      importId,
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
      await db.insertInto('imports').values(importRow(row)).execute();
      await insertOutcomes(row.id, outcomes);
    },
    async begin(row) {
      const inserted = await db
        .insertInto('imports')
        .values(importRow({ ...row, status: 'running', completedAt: null, failureReason: undefined }))
        .onConflict((oc) => oc.columns(['reseller_id', 'idempotency_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async head(id, options = {}) {
      let q = db.selectFrom('imports').select(HEAD_COLUMNS).where('id', '=', id);
      if (options.lock && dialect === 'postgres') q = q.forUpdate();
      const row = await q.executeTakeFirst();
      return row && toHead(row);
    },
    async headByKey(resellerId, idempotencyKey) {
      const row = await db
        .selectFrom('imports')
        .select(HEAD_COLUMNS)
        .where('reseller_id', '=', resellerId)
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirst();
      return row && toHead(row);
    },
    async complete(id, change, outcomes) {
      const result = await db
        .updateTable('imports')
        .set({
          status: 'completed',
          completed_at: change.completedAt,
          approved_by: change.approvedBy,
          approved_by_id: change.approvedById,
          // the outcomes say it all now
          halo_user_ids: null,
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await insertOutcomes(id, outcomes);
      return true;
    },
    async fail(id, change, outcomes) {
      const result = await db
        .updateTable('imports')
        .set({ status: 'failed', completed_at: change.at, failure_reason: change.reason, halo_user_ids: null })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await insertOutcomes(id, outcomes);
      return true;
    },
    async abandon(id) {
      const result = await db.deleteFrom('imports').where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async claimStale(createdBefore, limit) {
      let q = db
        .selectFrom('imports')
        .select(HEAD_COLUMNS)
        .where('status', '=', 'running')
        .where('created_at', '<', createdBefore)
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit);
      // a live worker holds its row for the whole work transaction: skip it, never wait for it
      if (dialect === 'postgres') q = q.forUpdate().skipLocked();
      return (await q.execute()).map(toHead);
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
    ...(r.status === 'failed' && r.failure_reason !== null ? { failureReason: r.failure_reason } : {}),
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

const HEAD_COLUMNS = [
  'id',
  'reseller_id',
  'team_id',
  'idempotency_key',
  'request_hash',
  'status',
  'requested_by_id',
  'approved_by_id',
  'halo_user_ids',
  'created_at',
  'completed_at',
  'failure_reason',
] as const;

type HeadRow = Pick<Selectable<ImportTable>, (typeof HEAD_COLUMNS)[number]>;

function toHead(r: HeadRow): ImportHead {
  return {
    id: r.id,
    resellerId: r.reseller_id,
    teamId: r.team_id,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    status: r.status,
    requestedById: r.requested_by_id,
    approvedById: r.approved_by_id,
    haloUserIds: r.halo_user_ids === null ? [] : idsSchema.parse(JSON.parse(r.halo_user_ids)),
    createdAt: r.created_at,
    completedAt: r.completed_at,
    failureReason: r.failure_reason,
  };
}

export type { Outcome };

/** The one mapping of an import to its row, shared by `insert` and `begin`. */
function importRow(row: NewImport): Insertable<ImportTable> {
  return {
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
    halo_user_ids: row.haloUserIds === undefined ? null : JSON.stringify(row.haloUserIds),
    failure_reason: row.failureReason ?? null,
  };
}
