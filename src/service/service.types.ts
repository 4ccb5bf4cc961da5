import type {
  ConnectionView,
  EligibilityStatus,
  HaloCredentialsInput,
  HaloGroup,
  ImportRecord,
  Me,
  Member,
  Preview,
  Role,
  TeamSummary,
} from '../contracts';

/** Who is calling, as Teams says: from the SSO token (tab) or the activity (bot). */
export interface Caller {
  readonly entraTenantId: string;
  readonly entraObjectId: string;
}

/** A caller the store knows, with the role the store gives them (never the token's claims). */
export interface Principal {
  readonly adminId: string;
  readonly entraTenantId: string;
  readonly entraObjectId: string;
  readonly name: string;
  readonly role: Role;
  readonly resellerId: string;
  readonly resellerName: string;
  /** the one Team a client admin administers; null for reseller admins */
  readonly teamId: string | null;
}

/** A user the approval card says will be skipped, and why. */
export interface DraftSkip {
  readonly haloId: number;
  readonly name: string;
  readonly status: EligibilityStatus;
  readonly reason: string;
}

/** An import request waiting for approval (bot). Lives in the store, so any instance can answer. */
export interface ImportDraft {
  readonly id: string;
  readonly resellerId: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly groupId: number;
  readonly groupName: string;
  readonly haloUserIds: readonly number[];
  readonly requestedBy: { readonly adminId: string; readonly name: string };
  readonly createdAt: string;
  readonly status: 'pending' | 'approved' | 'cancelled';
  /** set once approved: the import it ran */
  readonly importId: string | null;
  readonly closedBy: { readonly adminId: string; readonly name: string } | null;
  readonly closedAt: string | null;
  /** names of the users to import (for the approval card) */
  readonly toImport: readonly { readonly haloId: number; readonly name: string; readonly email: string }[];
  readonly skipped: readonly DraftSkip[];
  readonly requireSecondApprover: boolean;
  /**
   * A pending draft whose last approval failed (e.g. the server stopped during the import): why,
   * so the approval card can say it and offer Approve again. Absent or null otherwise.
   */
  readonly lastFailure?: { readonly importId: string; readonly reason: string; readonly at: string } | null;
}

/** Input of an import from the tab (straight to execution). */
export interface ImportRequest {
  readonly teamId: string;
  readonly groupId: number;
  readonly haloUserIds: readonly number[];
  readonly idempotencyKey: string;
}

/** Input of a draft from the bot. */
export interface DraftRequest {
  readonly teamId: string;
  readonly groupId: number;
  /** either the chosen ids, or every importable user of the group */
  readonly selection: { readonly kind: 'ids'; readonly haloUserIds: readonly number[] } | { readonly kind: 'allImportable' };
}

/** Progress of a long import, for cards that update while it runs. */
export type ProgressListener = (done: number, total: number) => void;

/**
 * The application service: the one entry point the API and the bot call. Every method
 * authorizes the principal against the store; an object of another reseller is `not_found`.
 */
export interface HaloImportService {
  /** unknown callers: AppError `unknown_caller` */
  resolveCaller(caller: Caller): Promise<Principal>;
  me(principal: Principal): Me;
  listTeams(principal: Principal): Promise<TeamSummary[]>;
  getTeam(principal: Principal, teamId: string): Promise<TeamSummary>;
  getConnection(principal: Principal): Promise<ConnectionView>;
  /** verifies with HaloPSA before storing; nothing is stored when HaloPSA refuses */
  saveConnection(principal: Principal, input: HaloCredentialsInput): Promise<ConnectionView>;
  deleteConnection(principal: Principal): Promise<void>;
  listGroups(principal: Principal): Promise<HaloGroup[]>;
  preview(principal: Principal, teamId: string, groupId: number): Promise<Preview>;
  importUsers(principal: Principal, request: ImportRequest, onProgress?: ProgressListener): Promise<ImportRecord>;
  getImport(principal: Principal, importId: string): Promise<ImportRecord>;
  listImports(principal: Principal, teamId: string): Promise<ImportRecord[]>;
  listMembers(principal: Principal, teamId: string): Promise<Member[]>;
  createDraft(principal: Principal, request: DraftRequest): Promise<ImportDraft>;
  getDraft(principal: Principal, draftId: string): Promise<ImportDraft>;
  /** runs the import once; a second approve returns the first result */
  approveDraft(
    principal: Principal,
    draftId: string,
    onProgress?: ProgressListener,
  ): Promise<{ draft: ImportDraft; result: ImportRecord }>;
  cancelDraft(principal: Principal, draftId: string): Promise<ImportDraft>;
  /** the other reseller admins (for the second-approver fan-out) */
  listResellerAdmins(principal: Principal): Promise<Principal[]>;
}
