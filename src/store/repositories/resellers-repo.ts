import type { Kysely, Selectable } from 'kysely';
import type { AdminTable, Database, ResellerTable } from '../database.types';
import type { AdminRow, ResellerRepository, ResellerRow } from '../store.types';

export function createResellerRepository(db: Kysely<Database>): ResellerRepository {
  return {
    async get(id) {
      const row = await db.selectFrom('resellers').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toReseller(row);
    },
    async upsert(r) {
      const values = {
        id: r.id,
        name: r.name,
        entra_tenant_id: r.entraTenantId,
        require_second_approver: r.requireSecondApprover ? 1 : 0,
      };
      await db
        .insertInto('resellers')
        .values(values)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            name: values.name,
            entra_tenant_id: values.entra_tenant_id,
            require_second_approver: values.require_second_approver,
          }),
        )
        .execute();
    },
    async findAdmin(entraTenantId, entraObjectId) {
      const row = await db
        .selectFrom('admins')
        .selectAll()
        .where('entra_tenant_id', '=', entraTenantId.toLowerCase())
        .where('entra_object_id', '=', entraObjectId.toLowerCase())
        .executeTakeFirst();
      return row && toAdmin(row);
    },
    async listAdmins(resellerId, role) {
      let q = db.selectFrom('admins').selectAll().where('reseller_id', '=', resellerId);
      if (role) q = q.where('role', '=', role);
      const rows = await q.orderBy('name').orderBy('id').execute();
      return rows.map(toAdmin);
    },
    async upsertAdmin(a) {
      const values = {
        id: a.id,
        reseller_id: a.resellerId,
        // Entra ids are GUIDs: compare them case-insensitively by storing them lower-cased
        entra_tenant_id: a.entraTenantId.toLowerCase(),
        entra_object_id: a.entraObjectId.toLowerCase(),
        name: a.name,
        role: a.role,
        team_id: a.teamId,
      };
      await db
        .insertInto('admins')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['entra_tenant_id', 'entra_object_id']).doUpdateSet({
            reseller_id: values.reseller_id,
            name: values.name,
            role: values.role,
            team_id: values.team_id,
          }),
        )
        .execute();
    },
  };
}

function toReseller(r: Selectable<ResellerTable>): ResellerRow {
  return {
    id: r.id,
    name: r.name,
    entraTenantId: r.entra_tenant_id,
    requireSecondApprover: Number(r.require_second_approver) === 1,
  };
}

function toAdmin(r: Selectable<AdminTable>): AdminRow {
  return {
    id: r.id,
    resellerId: r.reseller_id,
    entraTenantId: r.entra_tenant_id,
    entraObjectId: r.entra_object_id,
    name: r.name,
    role: r.role,
    teamId: r.team_id,
  };
}
