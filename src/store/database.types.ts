/**
 * Row shapes of every table, as Kysely sees them. Timestamps are ISO-8601 text and booleans
 * are 0/1 integers in both dialects, so the same code and migrations run on SQLite and PostgreSQL.
 */
export interface Database {
  resellers: ResellerTable;
  admins: AdminTable;
  teams: TeamTable;
  accounts: AccountTable;
  team_members: TeamMemberTable;
  halo_connections: HaloConnectionTable;
  import_drafts: ImportDraftTable;
  imports: ImportTable;
  import_outcomes: ImportOutcomeTable;
  audit_log: AuditLogTable;
  kv: KvTable;
}

export interface ResellerTable {
  id: string;
  name: string;
  entra_tenant_id: string;
  require_second_approver: number;
}

export interface AdminTable {
  id: string;
  reseller_id: string;
  entra_tenant_id: string;
  entra_object_id: string;
  name: string;
  role: 'reseller_admin' | 'client_admin';
  team_id: string | null;
}

export interface TeamTable {
  id: string;
  reseller_id: string;
  name: string;
  max_users: number | null;
}

export interface AccountTable {
  id: string;
  email_normalized: string;
  email: string;
  name: string;
  created_at: string;
  source: string;
}

export interface TeamMemberTable {
  team_id: string;
  account_id: string;
  added_at: string;
  source: string;
  import_id: string | null;
}

export interface HaloConnectionTable {
  reseller_id: string;
  tenant_id: string;
  client_id: string;
  base_url: string | null;
  secret_ciphertext: string;
  key_id: string;
  /** bumped on every save: part of the HaloPSA users cache key */
  version: number;
  updated_at: string;
  updated_by: string;
}

export interface ImportDraftTable {
  id: string;
  reseller_id: string;
  team_id: string;
  group_id: number;
  group_name: string;
  /** JSON: number[] */
  halo_user_ids: string;
  /** JSON: {haloId, name, email}[] */
  to_import: string;
  /** JSON: DraftSkip[] */
  skipped: string;
  requested_by_id: string;
  requested_by_name: string;
  created_at: string;
  status: 'pending' | 'approved' | 'cancelled';
  import_id: string | null;
  closed_by_id: string | null;
  closed_by_name: string | null;
  closed_at: string | null;
}

export interface ImportTable {
  id: string;
  reseller_id: string;
  team_id: string;
  group_id: number;
  idempotency_key: string;
  request_hash: string;
  status: 'running' | 'completed' | 'failed';
  requested_by: string;
  requested_by_id: string;
  approved_by: string | null;
  approved_by_id: string | null;
  created_at: string;
  completed_at: string | null;
  /** JSON number[]: the requested Halo ids (imports recorded before their work, migration 002) */
  halo_user_ids: string | null;
  /** why a `failed` import failed, in words for the user */
  failure_reason: string | null;
}

export interface ImportOutcomeTable {
  import_id: string;
  /** position in the request, so outcomes come back in the order they were asked for */
  seq: number;
  halo_id: number;
  outcome: 'imported' | 'skipped' | 'failed';
  status: string | null;
  reason: string;
  account_id: string | null;
  email: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  reseller_id: string | null;
  team_id: string | null;
  /** JSON object */
  details: string;
}

export interface KvTable {
  namespace: string;
  key: string;
  /** JSON */
  value: string;
  version: number;
}
