/**
 * Persistence: typed repositories over Kysely on SQLite (default) or PostgreSQL, versioned
 * migrations, and the seed loader. Callers never see SQL.
 * @module
 */
export { openStore, type OpenStoreOptions } from './open-store';
export { isUniqueViolation } from './repositories';
export type * from './store.types';
export { applySeed, loadSeedFile, parseSeed, seedSchema, type Seed, type SeedInput, type SeedSummary } from './seed';
