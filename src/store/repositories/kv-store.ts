import type { Kysely } from 'kysely';
import { AppError } from '../../errors';
import type { Database } from '../database.types';
import type { KeyValueStore } from '../store.types';
import { toNumber } from './batch';

export function createKeyValueStore(db: Kysely<Database>): KeyValueStore {
  // each write is one statement that checks and writes, so two writers cannot both win
  const upsert = (namespace: string, key: string, json: string) =>
    db
      .insertInto('kv')
      .values({ namespace, key, value: json, version: 1 })
      .onConflict((oc) =>
        oc.columns(['namespace', 'key']).doUpdateSet((eb) => ({
          value: json,
          version: eb(eb.ref('kv.version'), '+', 1),
        })),
      )
      .returning('version')
      .executeTakeFirst();
  const insertIfAbsent = (namespace: string, key: string, json: string) =>
    db
      .insertInto('kv')
      .values({ namespace, key, value: json, version: 1 })
      .onConflict((oc) => oc.columns(['namespace', 'key']).doNothing())
      .returning('version')
      .executeTakeFirst();
  const updateIfVersion = (namespace: string, key: string, json: string, expected: number) =>
    db
      .updateTable('kv')
      .set((eb) => ({ value: json, version: eb(eb.ref('version'), '+', 1) }))
      .where('namespace', '=', namespace)
      .where('key', '=', key)
      .where('version', '=', expected)
      .returning('version')
      .executeTakeFirst();

  return {
    async get(namespace, key) {
      const row = await db
        .selectFrom('kv')
        .select(['value', 'version'])
        .where('namespace', '=', namespace)
        .where('key', '=', key)
        .executeTakeFirst();
      return row && { value: JSON.parse(row.value) as unknown, version: toNumber(row.version) };
    },
    async set(namespace, key, value, expectedVersion) {
      const json = JSON.stringify(value ?? null);
      const row =
        expectedVersion === undefined
          ? await upsert(namespace, key, json)
          : expectedVersion === 0
            ? await insertIfAbsent(namespace, key, json)
            : await updateIfVersion(namespace, key, json, expectedVersion);
      if (!row) {
        throw new AppError('conflict', {
          detail: `kv ${namespace}/${key}: expected version ${expectedVersion}, found another`,
        });
      }
      return toNumber(row.version);
    },
    async delete(namespace, key) {
      await db.deleteFrom('kv').where('namespace', '=', namespace).where('key', '=', key).execute();
    },
  };
}
