import type { Kysely, Selectable } from 'kysely';
import type { Database, HaloConnectionTable } from '../database.types';
import type { ConnectionRepository, ConnectionRow } from '../store.types';
import { toNumber } from './batch';

export function createConnectionRepository(db: Kysely<Database>): ConnectionRepository {
  const get = async (resellerId: string) => {
    const row = await db
      .selectFrom('halo_connections')
      .selectAll()
      .where('reseller_id', '=', resellerId)
      .executeTakeFirst();
    return row && toConnection(row);
  };
  return {
    get,
    async save(c) {
      const values = {
        reseller_id: c.resellerId,
        tenant_id: c.tenantId,
        client_id: c.clientId,
        base_url: c.baseUrl,
        secret_ciphertext: c.secretCiphertext,
        key_id: c.keyId,
        version: 1,
        updated_at: c.updatedAt,
        updated_by: c.updatedBy,
      };
      const row = await db
        .insertInto('halo_connections')
        .values(values)
        .onConflict((oc) =>
          oc.column('reseller_id').doUpdateSet((eb) => ({
            tenant_id: values.tenant_id,
            client_id: values.client_id,
            base_url: values.base_url,
            secret_ciphertext: values.secret_ciphertext,
            key_id: values.key_id,
            version: eb(eb.ref('halo_connections.version'), '+', 1),
            updated_at: values.updated_at,
            updated_by: values.updated_by,
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toConnection(row);
    },
    async delete(resellerId) {
      const result = await db
        .deleteFrom('halo_connections')
        .where('reseller_id', '=', resellerId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function toConnection(r: Selectable<HaloConnectionTable>): ConnectionRow {
  return {
    resellerId: r.reseller_id,
    tenantId: r.tenant_id,
    clientId: r.client_id,
    baseUrl: r.base_url,
    secretCiphertext: r.secret_ciphertext,
    keyId: r.key_id,
    version: toNumber(r.version),
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}
