import type { EligibilityStatus, HaloUser, PreviewUser, StatusCounts } from '../contracts';
import { isValidEmail, normalizeEmail } from './email';

/** What eligibility needs: the group's users and what the store already knows about their emails. */
export interface EligibilityInput {
  readonly users: readonly HaloUser[];
  readonly teamName: string;
  /** normalized emails of the Team's members (only those of this group are needed) */
  readonly memberEmails: ReadonlySet<string>;
  /** normalized emails that already have an account (only those of this group are needed) */
  readonly accountEmails: ReadonlySet<string>;
}

export interface EligibilityResult {
  readonly rows: PreviewUser[];
  readonly counts: StatusCounts;
}

/** The reason texts of spec §2. */
export const reasons = {
  importable: () => 'Ready to import',
  member: (teamName: string) => `Already a member of ${teamName}`,
  exists: () => 'Already has a BrainStation account',
  no_email: () => 'No email address in HaloPSA',
  invalid_email: (email: string) => `Email address is not valid: "${email}"`,
  duplicate: (candidate: { name: string; id: number }) =>
    `Same email as ${candidate.name} (Halo #${candidate.id}) in this group`,
  inactive: () => 'Inactive in HaloPSA',
} as const;

/** A zeroed count of every status. */
export function emptyCounts(): StatusCounts {
  return { importable: 0, member: 0, exists: 0, no_email: 0, invalid_email: 0, duplicate: 0, inactive: 0 };
}

/**
 * One status and reason per HaloPSA user (spec §2). The first rule that applies wins:
 * no_email, invalid_email, inactive, duplicate, member, exists, importable. Among the users left
 * after the first three rules, the lowest Halo id of each email is the candidate and the others
 * are duplicates naming it.
 *
 * Rows keep HaloPSA's order (the order the client received the pages in; HaloPSA lists users by
 * name), so the same HaloPSA answer always gives the same preview; callers that want another order
 * sort for display. Sorting 50,000 names here would cost a fifth of the time budget. A Halo id
 * seen twice (overlapping pages) is kept once, at its first place.
 */
export function computeEligibility(input: EligibilityInput): EligibilityResult {
  const users = input.users;
  const n = users.length;
  const { emails, valid } = analyzeEmails(users);
  // per user: 0 = repeated id (dropped), 1 = open after the first three rules, else the early status
  const state = new Array<EligibilityStatus | 0 | 1>(n).fill(0);
  const seenIds = new Set<number>();
  const candidates = new Map<string, HaloUser>();

  for (let i = 0; i < n; i++) {
    const u = users[i]!;
    if (seenIds.has(u.id)) continue;
    seenIds.add(u.id);
    const email = emails[i];
    if (email === null) state[i] = 'no_email';
    else if (valid[i] === 0) state[i] = 'invalid_email';
    else if (u.inactive) state[i] = 'inactive';
    else {
      state[i] = 1;
      const seen = candidates.get(email!);
      if (seen === undefined || u.id < seen.id) candidates.set(email!, u);
    }
  }

  const memberReason = reasons.member(input.teamName);
  let importable = 0, member = 0, exists = 0, noEmail = 0, invalid = 0, duplicate = 0, inactive = 0;
  const rows: PreviewUser[] = [];
  for (let i = 0; i < n; i++) {
    const first = state[i];
    if (first === 0) continue;
    const u = users[i]!;
    let status: EligibilityStatus;
    let reason: string;
    if (first === 'no_email') {
      status = first;
      reason = NO_EMAIL;
      noEmail++;
    } else if (first === 'invalid_email') {
      status = first;
      reason = reasons.invalid_email(u.email.trim());
      invalid++;
    } else if (first === 'inactive') {
      status = first;
      reason = INACTIVE;
      inactive++;
    } else {
      const email = emails[i] as string;
      const candidate = candidates.get(email)!;
      if (candidate.id !== u.id) {
        status = 'duplicate';
        reason = reasons.duplicate(candidate);
        duplicate++;
      } else if (input.memberEmails.has(email)) {
        status = 'member';
        reason = memberReason;
        member++;
      } else if (input.accountEmails.has(email)) {
        status = 'exists';
        reason = EXISTS;
        exists++;
      } else {
        status = 'importable';
        reason = IMPORTABLE;
        importable++;
      }
    }
    rows.push({ haloId: u.id, name: u.name, email: u.email.trim(), site: u.site, status, reason });
  }

  const counts: StatusCounts = {
    importable,
    member,
    exists,
    no_email: noEmail,
    invalid_email: invalid,
    duplicate,
    inactive,
  };
  return { rows, counts };
}

const IMPORTABLE = reasons.importable();
const EXISTS = reasons.exists();
const NO_EMAIL = reasons.no_email();
const INACTIVE = reasons.inactive();

/** The normalized, valid emails of a group: what to look up in the store before computing eligibility. */
export function lookupEmails(users: readonly HaloUser[]): string[] {
  const { emails, valid } = analyzeEmails(users);
  const out = new Set<string>();
  for (let i = 0; i < emails.length; i++) if (valid[i] === 1) out.add(emails[i]!);
  return [...out];
}

interface EmailAnalysis {
  readonly emails: readonly (string | null)[];
  /** 1 when emails[i] is a valid address */
  readonly valid: Uint8Array;
}

// Normalizing 50,000 emails is the costliest step; the lookup and the computation of one group
// (and the cached group reused by preview, import and approval) share one analysis. Keyed by the
// array itself, which the core only ever reads.
const analyses = new WeakMap<readonly HaloUser[], EmailAnalysis>();

function analyzeEmails(users: readonly HaloUser[]): EmailAnalysis {
  const hit = analyses.get(users);
  if (hit && hit.emails.length === users.length) return hit;
  const emails = new Array<string | null>(users.length);
  const valid = new Uint8Array(users.length);
  for (let i = 0; i < users.length; i++) {
    const email = normalizeEmail(users[i]!.email);
    emails[i] = email;
    if (email !== null && isValidEmail(email)) valid[i] = 1;
  }
  const analysis = { emails, valid };
  analyses.set(users, analysis);
  return analysis;
}
