import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001-initial';
import { durableImports } from './002-durable-imports';

/**
 * Every migration, in order. Names sort lexically, so keep the zero-padded prefix.
 * A migration, once released, is never edited: add a new one.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '001-initial': initial,
  '002-durable-imports': durableImports,
};

/** Hands the in-code migrations to Kysely's Migrator (no files to find at run time). */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
