import type { Kysely } from 'kysely';
import type { Database } from '../database.types';
import type { Repositories } from '../store.types';
import { createAccountRepository } from './accounts-repo';
import { createAuditRepository } from './audit-repo';
import { createConnectionRepository } from './connections-repo';
import { createDraftRepository } from './drafts-repo';
import { createImportRepository } from './imports-repo';
import { createKeyValueStore } from './kv-store';
import { createResellerRepository } from './resellers-repo';
import { createTeamRepository } from './teams-repo';

/** Every repository over one Kysely handle: the database, or one transaction. */
export function createRepositories(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Repositories {
  return {
    resellers: createResellerRepository(db),
    teams: createTeamRepository(db, dialect),
    accounts: createAccountRepository(db, dialect),
    connections: createConnectionRepository(db),
    imports: createImportRepository(db, dialect),
    drafts: createDraftRepository(db),
    audit: createAuditRepository(db),
    kv: createKeyValueStore(db),
  };
}

export { isUniqueViolation } from './batch';
