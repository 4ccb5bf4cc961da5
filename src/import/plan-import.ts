import type { EligibilityStatus, PreviewUser } from '../contracts';
import { normalizeEmail } from './email';

/** The spec's words for a requested id that is not in the chosen HaloPSA group. */
export const NOT_IN_GROUP = 'not in this HaloPSA group';

/** What will happen to one requested user, in request order. */
export type PlannedUser =
  | {
      readonly kind: 'import';
      readonly haloId: number;
      readonly name: string;
      /** as HaloPSA has it, trimmed: what the account shows */
      readonly email: string;
      readonly emailNormalized: string;
    }
  | {
      readonly kind: 'skip';
      readonly haloId: number;
      readonly name: string;
      readonly status: Exclude<EligibilityStatus, 'importable'>;
      readonly reason: string;
    }
  | { readonly kind: 'fail'; readonly haloId: number; readonly reason: string };

export interface ImportPlan {
  /** one entry per distinct requested id, in the order they were requested */
  readonly users: readonly PlannedUser[];
  readonly toImport: readonly Extract<PlannedUser, { kind: 'import' }>[];
  readonly skipped: readonly Extract<PlannedUser, { kind: 'skip' }>[];
  readonly failed: readonly Extract<PlannedUser, { kind: 'fail' }>[];
}

/**
 * Requested ids -> what to import, what to skip (with the eligibility status and reason) and
 * what fails because it is not in the group. Pure; repeated ids count once.
 */
export function planImport(input: { rows: readonly PreviewUser[]; requestedIds: readonly number[] }): ImportPlan {
  const byId = new Map<number, PreviewUser>();
  for (const r of input.rows) byId.set(r.haloId, r);

  const users: PlannedUser[] = [];
  const toImport: Extract<PlannedUser, { kind: 'import' }>[] = [];
  const skipped: Extract<PlannedUser, { kind: 'skip' }>[] = [];
  const failed: Extract<PlannedUser, { kind: 'fail' }>[] = [];
  for (const haloId of new Set(input.requestedIds)) {
    const row = byId.get(haloId);
    if (!row) {
      const p = { kind: 'fail', haloId, reason: NOT_IN_GROUP } as const;
      failed.push(p);
      users.push(p);
    } else if (row.status === 'importable') {
      const p = {
        kind: 'import',
        haloId,
        name: row.name,
        email: row.email,
        emailNormalized: normalizeEmail(row.email) as string,
      } as const;
      toImport.push(p);
      users.push(p);
    } else {
      const p = { kind: 'skip', haloId, name: row.name, status: row.status, reason: row.reason } as const;
      skipped.push(p);
      users.push(p);
    }
  }
  return { users, toImport, skipped, failed };
}

/** Every importable Halo id of a preview (the bot's "Import all N importable users"). */
export function importableIds(rows: readonly PreviewUser[]): number[] {
  return rows.filter((r) => r.status === 'importable').map((r) => r.haloId);
}
