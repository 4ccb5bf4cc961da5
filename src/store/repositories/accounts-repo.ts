import type { Kysely } from 'kysely';
import type { Database } from '../database.types';
import type { AccountRepository } from '../store.types';
import { chunks, distinct, inValues, INSERT_CHUNK, SET_LOOKUP_CHUNK, toNumber } from './batch';

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
      for (const chunk of chunks(rows, INSERT_CHUNK)) {
        const result = await db
          .insertInto('accounts')
          .values(
            chunk.map((a) => ({
              id: a.id,
              email_normalized: a.emailNormalized,
              email: a.email,
              name: a.name,
              created_at: a.createdAt,
              source: a.source,
            })),
          )
          .onConflict((oc) => oc.column('email_normalized').doNothing())
          .returning(['id', 'email_normalized'])
          .execute();
        for (const r of result) inserted.push({ id: r.id, emailNormalized: r.email_normalized });
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
