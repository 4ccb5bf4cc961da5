import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, TeamTable } from '../database.types';
import type { TeamRepository, TeamRow } from '../store.types';
import { BULK_CHUNK, bulkInsert, chunks, distinct, inValues, LOOKUP_CHUNK, SET_LOOKUP_CHUNK, toNumber, type BulkColumn } from './batch';

const MEMBER_COLUMNS: readonly BulkColumn[] = [
  { name: 'team_id', type: 'text' },
  { name: 'account_id', type: 'text' },
  { name: 'added_at', type: 'text' },
  { name: 'source', type: 'text' },
  { name: 'import_id', type: 'text' },
];

export function createTeamRepository(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): TeamRepository {
  const byId = (id: string) => db.selectFrom('teams').selectAll().where('id', '=', id);
  return {
    async get(id) {
      const row = await byId(id).executeTakeFirst();
      return row && toTeam(row);
    },
    async getForUpdate(id) {
      const row = await (dialect === 'postgres' ? byId(id).forUpdate() : byId(id)).executeTakeFirst();
      return row && toTeam(row);
    },
    async listByReseller(resellerId) {
      const rows = await db
        .selectFrom('teams')
        .selectAll()
        .where('reseller_id', '=', resellerId)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map(toTeam);
    },
    async upsert(t) {
      await db
        .insertInto('teams')
        .values({ id: t.id, reseller_id: t.resellerId, name: t.name, max_users: t.maxUsers })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ reseller_id: t.resellerId, name: t.name, max_users: t.maxUsers }),
        )
        .execute();
    },
    async countMembers(teamIds) {
      const counts = new Map<string, number>(teamIds.map((id) => [id, 0]));
      if (teamIds.length === 0) return counts;
      for (const chunk of chunks(distinct(teamIds), LOOKUP_CHUNK)) {
        const rows = await db
          .selectFrom('team_members')
          .select(['team_id', (eb) => eb.fn.countAll().as('n')])
          .where('team_id', 'in', chunk)
          .groupBy('team_id')
          .execute();
        for (const r of rows) counts.set(r.team_id, toNumber(r.n));
      }
      return counts;
    },
    async listMembers(teamId) {
      const rows = await db
        .selectFrom('team_members as m')
        .innerJoin('accounts as a', 'a.id', 'm.account_id')
        .select(['a.id as accountId', 'a.email', 'a.name', 'm.added_at as addedAt', 'm.source'])
        .where('m.team_id', '=', teamId)
        .orderBy('a.name')
        .orderBy('a.id')
        .execute();
      return rows.map((r) => ({ ...r }));
    },
    async findMemberEmails(teamId, emailsNormalized) {
      const found = new Set<string>();
      for (const chunk of chunks(distinct(emailsNormalized), SET_LOOKUP_CHUNK)) {
        const rows = await db
          .selectFrom('team_members as m')
          .innerJoin('accounts as a', 'a.id', 'm.account_id')
          .select('a.email_normalized')
          .where('m.team_id', '=', teamId)
          .where(inValues('a.email_normalized', chunk, dialect))
          .execute();
        for (const r of rows) found.add(r.email_normalized);
      }
      return found;
    },
    async addMembers(rows) {
      let added = 0;
      for (const chunk of chunks(rows, BULK_CHUNK)) {
        const result = await bulkInsert(
          dialect,
          'team_members',
          MEMBER_COLUMNS,
          chunk.map((m) => [m.teamId, m.accountId, m.addedAt, m.source, m.importId]),
          sql`on conflict (team_id, account_id) do nothing returning account_id`,
        ).execute(db);
        added += result.rows.length;
      }
      return added;
    },
  };
}

function toTeam(r: Selectable<TeamTable>): TeamRow {
  return {
    id: r.id,
    resellerId: r.reseller_id,
    name: r.name,
    maxUsers: r.max_users === null ? null : toNumber(r.max_users),
  };
}
