import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Dialect, type SqliteDatabase as SqliteDialectDatabase } from 'kysely';
import { Pool } from 'pg';
import type { DatabaseConfig } from '../config';
import { AppError } from '../errors';
import { silentLogger, type Logger } from '../logging';
import type { Database } from './database.types';
import { migrationProvider } from './migrations';
import { createRepositories } from './repositories';
import type { Repositories, Store } from './store.types';

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  readonly logger?: Logger;
  /** apply pending migrations before returning (default true) */
  readonly migrate?: boolean;
  /** SQLite: how long a writer waits for another process's write lock (default 5000 ms) */
  readonly busyTimeoutMs?: number;
  /** PostgreSQL: pool size (default 10) */
  readonly poolSize?: number;
}

/**
 * Opens the store: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL (a pg Pool), then
 * applies the versioned migrations.
 * @example
 * const store = await openStore(config.database, { logger });
 * const team = await store.teams.get('team-x');
 */
export async function openStore(database: DatabaseConfig, options: OpenStoreOptions = {}): Promise<Store> {
  const logger = options.logger ?? silentLogger;
  const db = new Kysely<Database>({ dialect: createDialect(database, options) });
  const dialect = database.kind;
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });

  const store: Store = {
    dialect,
    ...createRepositories(db, dialect),
    async migrate() {
      const { error, results = [] } = await migrator.migrateToLatest();
      if (error) {
        throw new AppError('internal', {
          detail: `migration failed: ${results.map((r) => `${r.migrationName}=${r.status}`).join(', ')}`,
          cause: error,
        });
      }
      const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
      if (applied.length > 0) logger.info('database migrated', { dialect, applied });
      return applied;
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    transaction: (work) => runTransaction(db, dialect, work),
    async close() {
      await db.destroy();
    },
  };

  try {
    if (options.migrate ?? true) await store.migrate();
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return store;
}

function createDialect(database: DatabaseConfig, options: OpenStoreOptions): Dialect {
  if (database.kind === 'postgres') {
    const pool = new Pool({ connectionString: database.url, max: options.poolSize ?? 10 });
    // an idle client dropped by the server (restart, failover, admin) must not crash the process:
    // the pool discards it and the next query opens a new connection
    pool.on('error', (error) => (options.logger ?? silentLogger).warn('idle PostgreSQL connection lost', { error }));
    return new PostgresDialect({ pool });
  }
  return new SqliteDialect({
    database: async () => {
      if (database.filename !== ':memory:') fs.mkdirSync(path.dirname(database.filename), { recursive: true });
      const sqlite = new SqliteDatabase(database.filename);
      if (database.filename !== ':memory:') sqlite.pragma('journal_mode = WAL');
      // NORMAL is durable across application crashes in WAL mode and much faster than FULL
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('foreign_keys = ON');
      // reads through the OS page cache instead of copying pages: big email lookups get ~2x faster
      sqlite.pragma('mmap_size = 268435456');
      sqlite.pragma('cache_size = -32000');
      sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      return withStatementCache(sqlite);
    },
  });
}

async function runTransaction<T>(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  work: (repos: Repositories) => Promise<T>,
): Promise<T> {
  if (dialect === 'postgres') {
    return db.transaction().execute((trx) => work(createRepositories(trx, dialect)));
  }
  // Kysely's SQLite transactions use a deferred BEGIN: a read followed by a write could then fail
  // with SQLITE_BUSY_SNAPSHOT under a concurrent writer. IMMEDIATE takes the write lock up front.
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(createRepositories(conn, dialect));
      await sql`commit`.execute(conn);
      return result;
    } catch (e) {
      await sql`rollback`.execute(conn);
      throw e;
    }
  });
}

/** Most distinct statements kept prepared per connection; the queries are a fixed set, this only caps surprises. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; compiling the SQL again costs more than running most of our
 * queries. One connection runs one statement at a time (Kysely's driver holds a mutex and we never
 * stream), so a prepared statement can safely be reused for the same SQL text.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (!statement) {
        statement = sqlite.prepare(sqlText);
        if (cache.size < STATEMENT_CACHE_SIZE) cache.set(sqlText, statement);
      }
      return statement;
    },
  };
}
