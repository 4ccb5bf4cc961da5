import type { DraftSkip, ImportDraft } from '../service/service.types';
import type { ImportRecord, Member, Role } from '../contracts';

export interface ResellerRow {
  readonly id: string;
  readonly name: string;
  readonly entraTenantId: string;
  readonly requireSecondApprover: boolean;
}

export interface AdminRow {
  readonly id: string;
  readonly resellerId: string;
  readonly entraTenantId: string;
  readonly entraObjectId: string;
  readonly name: string;
  readonly role: Role;
  readonly teamId: string | null;
}

export interface TeamRow {
  readonly id: string;
  readonly resellerId: string;
  readonly name: string;
  readonly maxUsers: number | null;
}

export interface NewAccount {
  readonly id: string;
  readonly emailNormalized: string;
  readonly email: string;
  readonly name: string;
  readonly createdAt: string;
  readonly source: string;
}

export interface NewMember {
  readonly teamId: string;
  readonly accountId: string;
  readonly addedAt: string;
  readonly source: string;
  readonly importId: string | null;
}

/** The stored HaloPSA connection; `secretCiphertext` is only ever opened by the vault. */
export interface ConnectionRow {
  readonly resellerId: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly baseUrl: string | null;
  readonly secretCiphertext: string;
  readonly keyId: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** An import as stored, with what only the server needs (reseller, request fingerprint). */
export interface StoredImport extends ImportRecord {
  readonly resellerId: string;
  readonly idempotencyKey: string;
  readonly requestHash: string;
}

export type NewImport = Omit<StoredImport, 'imported' | 'skipped' | 'failed'> & {
  readonly requestedById: string;
  readonly approvedById: string | null;
  /** the requested Halo ids, kept while the import runs (recovery reports each as failed) */
  readonly haloUserIds?: readonly number[];
};

/** What an import row says before its outcomes are loaded: enough to claim, replay or recover it. */
export interface ImportHead {
  readonly id: string;
  readonly resellerId: string;
  readonly teamId: string;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly status: StoredImport['status'];
  readonly requestedById: string;
  readonly approvedById: string | null;
  /** empty once the import completed */
  readonly haloUserIds: readonly number[];
  readonly createdAt: string;
  readonly completedAt: string | null;
  readonly failureReason: string | null;
}

/** One row of an import's result, in request order. */
export type Outcome =
  | { readonly outcome: 'imported'; readonly haloId: number; readonly email: string; readonly accountId: string }
  | { readonly outcome: 'skipped'; readonly haloId: number; readonly status: DraftSkip['status']; readonly reason: string }
  | { readonly outcome: 'failed'; readonly haloId: number; readonly reason: string };

export type NewDraft = Omit<ImportDraft, 'teamName' | 'requireSecondApprover'>;

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  /** who did it: an admin id, or "seed" / "system" */
  readonly actor: string;
  /** e.g. "connection.saved", "import.completed" */
  readonly action: string;
  readonly resellerId: string | null;
  readonly teamId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * Small versioned key-value storage (the bot keeps conversation references here).
 * `set` with `expectedVersion` is optimistic: a stale version fails with AppError `conflict`;
 * `expectedVersion: 0` means "only if absent".
 */
export interface KeyValueStore {
  get(namespace: string, key: string): Promise<{ value: unknown; version: number } | undefined>;
  /** returns the new version */
  set(namespace: string, key: string, value: unknown, expectedVersion?: number): Promise<number>;
  delete(namespace: string, key: string): Promise<void>;
}

export interface ResellerRepository {
  get(id: string): Promise<ResellerRow | undefined>;
  upsert(row: ResellerRow): Promise<void>;
  findAdmin(entraTenantId: string, entraObjectId: string): Promise<AdminRow | undefined>;
  listAdmins(resellerId: string, role?: Role): Promise<AdminRow[]>;
  /** keyed by (entraTenantId, entraObjectId); keeps the existing id */
  upsertAdmin(row: AdminRow): Promise<void>;
}

export interface TeamRepository {
  get(id: string): Promise<TeamRow | undefined>;
  /**
   * Reads the Team inside a transaction and holds it until commit (PostgreSQL `FOR UPDATE`;
   * SQLite transactions already hold the write lock), so imports into one Team run one at a time.
   */
  getForUpdate(id: string): Promise<TeamRow | undefined>;
  listByReseller(resellerId: string): Promise<TeamRow[]>;
  upsert(row: TeamRow): Promise<void>;
  countMembers(teamIds: readonly string[]): Promise<Map<string, number>>;
  listMembers(teamId: string): Promise<Member[]>;
  /** which of these normalized emails belong to members of the Team (batched) */
  findMemberEmails(teamId: string, emailsNormalized: readonly string[]): Promise<Set<string>>;
  /** adds memberships, ignoring ones that already exist; returns how many were new */
  addMembers(rows: readonly NewMember[]): Promise<number>;
}

export interface AccountRepository {
  /** which of these normalized emails already have an account, looked up in chunks */
  findExistingEmails(emailsNormalized: readonly string[]): Promise<Set<string>>;
  /**
   * Inserts in batches; an email that exists already (unique constraint) is left alone and
   * not returned, so concurrent writers never create a duplicate.
   */
  insertMany(rows: readonly NewAccount[]): Promise<{ id: string; emailNormalized: string }[]>;
  findByEmail(emailNormalized: string): Promise<{ id: string; email: string; name: string } | undefined>;
  count(): Promise<number>;
}

export interface ConnectionRepository {
  get(resellerId: string): Promise<ConnectionRow | undefined>;
  /** stores or replaces; bumps `version` */
  save(row: Omit<ConnectionRow, 'version'>): Promise<ConnectionRow>;
  /** true when something was removed */
  delete(resellerId: string): Promise<boolean>;
}

export interface ImportRepository {
  get(id: string): Promise<StoredImport | undefined>;
  findByKey(resellerId: string, idempotencyKey: string): Promise<StoredImport | undefined>;
  /** newest first */
  listByTeam(teamId: string, limit: number): Promise<StoredImport[]>;
  insert(row: NewImport, outcomes: readonly Outcome[]): Promise<void>;
  /**
   * Records an import as `running` before its work starts (its own statement, committed at once).
   * false when the (reseller, key) is taken: another request with that key got there first.
   */
  begin(row: Omit<NewImport, 'status' | 'completedAt'> & { readonly haloUserIds: readonly number[] }): Promise<boolean>;
  /**
   * The row without outcomes. `lock: true` (inside a transaction) holds it until commit
   * (PostgreSQL `FOR UPDATE`; SQLite transactions already hold the write lock), so one worker at a
   * time runs an import and recovery skips it while that worker is alive.
   */
  head(id: string, options?: { readonly lock?: boolean }): Promise<ImportHead | undefined>;
  headByKey(resellerId: string, idempotencyKey: string): Promise<ImportHead | undefined>;
  /** flips a `running` import to `completed` with its outcomes; false when it was not running */
  complete(
    id: string,
    change: { readonly completedAt: string; readonly approvedBy: string | null; readonly approvedById: string | null },
    outcomes: readonly Outcome[],
  ): Promise<boolean>;
  /** flips a `running` import to `failed` with the reason and outcomes; false when it was not running */
  fail(id: string, change: { readonly reason: string; readonly at: string }, outcomes: readonly Outcome[]): Promise<boolean>;
  /** deletes a `running` import whose work was refused (nothing was written under it); false when not running */
  abandon(id: string): Promise<boolean>;
  /**
   * `running` imports created before `createdBefore` that no live worker holds, locked until
   * commit (PostgreSQL `FOR UPDATE SKIP LOCKED`; on SQLite the caller's transaction holds the
   * write lock, so no worker is inside its work). Oldest first.
   */
  claimStale(createdBefore: string, limit: number): Promise<ImportHead[]>;
}

export interface DraftRepository {
  insert(draft: NewDraft): Promise<void>;
  get(id: string): Promise<ImportDraft | undefined>;
  /** closes a pending draft; false when it was no longer pending (someone else closed it) */
  close(
    id: string,
    change: {
      status: 'approved' | 'cancelled';
      by: { adminId: string; name: string };
      at: string;
      importId: string | null;
    },
  ): Promise<boolean>;
}

export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  /** newest first */
  list(filter: { resellerId?: string; teamId?: string; limit: number }): Promise<AuditEntry[]>;
}

/** The typed repositories; the same set works on the store or inside one transaction. */
export interface Repositories {
  readonly resellers: ResellerRepository;
  readonly teams: TeamRepository;
  readonly accounts: AccountRepository;
  readonly connections: ConnectionRepository;
  readonly imports: ImportRepository;
  readonly drafts: DraftRepository;
  readonly audit: AuditRepository;
  readonly kv: KeyValueStore;
}

/** The persistence of the product, over SQLite or PostgreSQL. */
export interface Store extends Repositories {
  readonly dialect: 'sqlite' | 'postgres';
  /** applies pending migrations; returns the names applied now */
  migrate(): Promise<string[]>;
  /** resolves when the database answers */
  ping(): Promise<void>;
  /**
   * Runs `work` in one transaction: everything or nothing. On SQLite the transaction takes the
   * write lock at once (BEGIN IMMEDIATE), so a read-then-write inside cannot race another writer.
   */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
