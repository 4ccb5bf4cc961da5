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
 * Rows come back sorted by name (NFC, case-insensitive, by code point, so the order is the same on
 * every server whatever its locale), then by Halo id. A Halo id seen twice (overlapping pages) is
 * kept once.
 */
export function computeEligibility(input: EligibilityInput): EligibilityResult {
  const users = uniqueById(input.users);
  const n = users.length;
  const emails = new Array<string | null>(n).fill(null);
  // 0 = still open after the first three rules; otherwise the early status
  const early = new Array<EligibilityStatus | 0>(n).fill(0);
  const candidates = new Map<string, HaloUser>();

  for (let i = 0; i < n; i++) {
    const u = users[i]!;
    const email = normalizeEmail(u.email);
    emails[i] = email;
    if (email === null) early[i] = 'no_email';
    else if (!isValidEmail(email)) early[i] = 'invalid_email';
    else if (u.inactive) early[i] = 'inactive';
    else {
      const seen = candidates.get(email);
      if (seen === undefined || u.id < seen.id) candidates.set(email, u);
    }
  }

  const memberReason = reasons.member(input.teamName);
  let importable = 0, member = 0, exists = 0, noEmail = 0, invalid = 0, duplicate = 0, inactive = 0;
  const rows = new Array<PreviewUser>(n);
  for (let i = 0; i < n; i++) {
    const u = users[i]!;
    const first = early[i];
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
    rows[i] = { haloId: u.id, name: u.name, email: u.email.trim(), site: u.site, status, reason };
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
  return { rows: sortByName(rows), counts };
}

const IMPORTABLE = reasons.importable();
const EXISTS = reasons.exists();
const NO_EMAIL = reasons.no_email();
const INACTIVE = reasons.inactive();

/** Sorts through an index array so each sort key is computed once, not per comparison. */
function sortByName(rows: PreviewUser[]): PreviewUser[] {
  const keys = rows.map((r) => nameKey(r.name));
  const order = Array.from(rows.keys());
  order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : rows[a]!.haloId - rows[b]!.haloId;
  });
  return order.map((i) => rows[i]!);
}

const ASCII = /^[\x20-\x7e]*$/;
function nameKey(name: string): string {
  return (ASCII.test(name) ? name : name.normalize('NFC')).toLowerCase();
}

/** The normalized, valid emails of a group: what to look up in the store before computing eligibility. */
export function lookupEmails(users: readonly HaloUser[]): string[] {
  const out = new Set<string>();
  for (const u of users) {
    const e = normalizeEmail(u.email);
    if (e !== null && isValidEmail(e)) out.add(e);
  }
  return [...out];
}

function uniqueById(users: readonly HaloUser[]): readonly HaloUser[] {
  const seen = new Set<number>();
  let repeated = false;
  for (const u of users) {
    if (seen.has(u.id)) repeated = true;
    seen.add(u.id);
  }
  if (!repeated) return users;
  seen.clear();
  return users.filter((u) => (seen.has(u.id) ? false : (seen.add(u.id), true)));
}
