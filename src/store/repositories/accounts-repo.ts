import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.types';
import type { AccountRepository } from '../store.types';
import { BULK_CHUNK, bulkInsert, chunks, distinct, inValues, SET_LOOKUP_CHUNK, toNumber, type BulkColumn } from './batch';

const ACCOUNT_COLUMNS: readonly BulkColumn[] = [
  { name: 'id', type: 'text' },
  { name: 'email_normalized', type: 'text' },
  { name: 'email', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'created_at', type: 'text' },
  { name: 'source', type: 'text' },
];

export function createAccountRepository(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): AccountRepository {
  return {
    async findExistingEmails(emailsNormalized) {
      const found = new Set<string>();
      for (const chunk of chunks(distinct(emailsNormalized), SET_LOOKUP_CHUNK)) {
        const rows = await db
          .selectFrom('accounts')
          .select('email_normalized')
          .where(inValues('email_normalized', chunk, dialect))
          .execute();
        for (const r of rows) found.add(r.email_normalized);
      }
      return found;
    },
    async insertMany(rows) {
      const inserted: { id: string; emailNormalized: string }[] = [];
      for (const chunk of chunks(rows, BULK_CHUNK)) {
        const result = await bulkInsert(
          dialect,
          'accounts',
          ACCOUNT_COLUMNS,
          chunk.map((a) => [a.id, a.emailNormalized, a.email, a.name, a.createdAt, a.source]),
          sql`on conflict (email_normalized) do nothing returning id, email_normalized`,
        ).execute(db);
        for (const r of result.rows) inserted.push({ id: String(r.id), emailNormalized: String(r.email_normalized) });
      }
      return inserted;
    },
    async findByEmail(emailNormalized) {
      return db
        .selectFrom('accounts')
        .select(['id', 'email', 'name'])
        .where('email_normalized', '=', emailNormalized)
        .executeTakeFirst();
    },
    async count() {
      const row = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return toNumber(row.n);
    },
  };
}
