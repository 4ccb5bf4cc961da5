import type { Kysely } from 'kysely';
import type { Database } from '../database.types';
import type { AuditRepository } from '../store.types';

export function createAuditRepository(db: Kysely<Database>): AuditRepository {
  return {
    async append(e) {
      await db
        .insertInto('audit_log')
        .values({
          id: e.id,
          at: e.at,
          actor: e.actor,
          action: e.action,
          reseller_id: e.resellerId,
          team_id: e.teamId,
          details: JSON.stringify(e.details),
        })
        .execute();
    },
    async list(filter) {
      let q = db.selectFrom('audit_log').selectAll();
      if (filter.resellerId !== undefined) q = q.where('reseller_id', '=', filter.resellerId);
      if (filter.teamId !== undefined) q = q.where('team_id', '=', filter.teamId);
      const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        resellerId: r.reseller_id,
        teamId: r.team_id,
        details: JSON.parse(r.details) as Record<string, unknown>,
      }));
    },
  };
}
