import type { Kysely, Migration } from 'kysely';

/**
 * Durable imports: an import is recorded as `running` before its work starts, so a crash leaves a
 * row that start-up recovery can mark `failed` (with the requested ids, to say who failed and why).
 */
export const durableImports: Migration = {
  async up(db: Kysely<unknown>) {
    // JSON number[]: the requested Halo ids, kept while the import runs
    await db.schema.alterTable('imports').addColumn('halo_user_ids', 'text').execute();
    await db.schema.alterTable('imports').addColumn('failure_reason', 'text').execute();
    // recovery looks for old running imports
    await db.schema.createIndex('imports_status_created').on('imports').columns(['status', 'created_at']).execute();
  },
};
