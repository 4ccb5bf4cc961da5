import { sql, type Kysely, type Migration } from 'kysely';

/** The first schema. Written once with Kysely's schema builder so it runs on SQLite and PostgreSQL. */
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('resellers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('entra_tenant_id', 'text', (c) => c.notNull())
      .addColumn('require_second_approver', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('teams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('max_users', 'integer')
      .execute();
    await db.schema.createIndex('teams_reseller').on('teams').column('reseller_id').execute();

    await db.schema
      .createTable('admins')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
      .addColumn('entra_tenant_id', 'text', (c) => c.notNull())
      .addColumn('entra_object_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('reseller_admin', 'client_admin')`))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addUniqueConstraint('admins_identity', ['entra_tenant_id', 'entra_object_id'])
      .execute();
    await db.schema.createIndex('admins_reseller').on('admins').column('reseller_id').execute();

    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email_normalized', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
      .addColumn('group_id', 'integer', (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_by_id', 'text', (c) => c.notNull())
      .addColumn('approved_by', 'text')
      .addColumn('approved_by_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addUniqueConstraint('imports_idempotency', ['reseller_id', 'idempotency_key'])
      .execute();
    await db.schema.createIndex('imports_team_created').on('imports').columns(['team_id', 'created_at']).execute();

    await db.schema
      .createTable('team_members')
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('import_id', 'text', (c) => c.references('imports.id'))
      .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'account_id'])
      .execute();
    await db.schema.createIndex('team_members_account').on('team_members').column('account_id').execute();

    await db.schema
      .createTable('import_outcomes')
      .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('halo_id', 'integer', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('status', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('email', 'text')
      .addPrimaryKeyConstraint('import_outcomes_pk', ['import_id', 'seq'])
      .execute();

    await db.schema
      .createTable('halo_connections')
      .addColumn('reseller_id', 'text', (c) => c.primaryKey().references('resellers.id'))
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('base_url', 'text')
      .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('import_drafts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
      .addColumn('group_id', 'integer', (c) => c.notNull())
      .addColumn('group_name', 'text', (c) => c.notNull())
      .addColumn('halo_user_ids', 'text', (c) => c.notNull())
      .addColumn('to_import', 'text', (c) => c.notNull())
      .addColumn('skipped', 'text', (c) => c.notNull())
      .addColumn('requested_by_id', 'text', (c) => c.notNull())
      .addColumn('requested_by_name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('import_id', 'text', (c) => c.references('imports.id'))
      .addColumn('closed_by_id', 'text')
      .addColumn('closed_by_name', 'text')
      .addColumn('closed_at', 'text')
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('reseller_id', 'text')
      .addColumn('team_id', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_reseller_at').on('audit_log').columns(['reseller_id', 'at']).execute();

    await db.schema
      .createTable('kv')
      .addColumn('namespace', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('kv_pk', ['namespace', 'key'])
      .execute();
  },
};
