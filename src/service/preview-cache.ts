import type { HaloUser } from '../contracts';
import type { EligibilityResult } from '../import';
import type { Clock } from './ports';

/** Which preview: one HaloPSA group seen from one Team, under one stored connection. */
export interface PreviewKey {
  readonly resellerId: string;
  readonly connectionVersion: number;
  readonly teamId: string;
  readonly groupId: number;
}

/** What a cached preview was computed from; any difference means computing it again. */
export interface PreviewBasis {
  /** the users as the HaloPSA users cache handed them out (compared by identity) */
  readonly users: readonly HaloUser[];
  readonly teamName: string;
  /** the Team's member count now: an import by another instance changes it */
  readonly memberCount: number;
}

/**
 * Computed previews (eligibility rows and counts) of the last moments, so flipping through the
 * pages of a 5,000-user group does not re-check every user against the store on each flip.
 * Memory of this process only: the import engine re-checks eligibility in its transaction, so a
 * stale row can never be imported twice, whichever instance answered the preview.
 */
export interface PreviewCache {
  /** the cached result for `key` when it was computed from `basis` and is fresh, else `compute()` (shared by concurrent asks) */
  eligibility(
    key: PreviewKey,
    basis: PreviewBasis,
    compute: () => Promise<EligibilityResult>,
  ): Promise<EligibilityResult>;
  /**
   * An import ran (or failed) in this process: every cached preview is dropped, since a new
   * account changes the previews of other Teams too. Previews being computed meanwhile are not kept.
   */
  invalidate(): void;
}

interface Entry {
  readonly at: number;
  readonly generation: number;
  readonly basis: PreviewBasis;
  readonly rows: number;
  readonly value: Promise<EligibilityResult>;
}

/** Options of {@link createPreviewCache}. */
export interface PreviewCacheOptions {
  /** how long a preview is reused; 0 disables the cache */
  readonly ttlMs: number;
  /** at most this many previews */
  readonly maxEntries?: number;
  /** at most this many rows over all previews (a 50,000-user group is tens of MB) */
  readonly maxRows?: number;
}

export function createPreviewCache(clock: Clock, options: PreviewCacheOptions): PreviewCache {
  const maxEntries = options.maxEntries ?? 32;
  const maxRows = options.maxRows ?? 100_000;
  const entries = new Map<string, Entry>();
  let generation = 0;
  let rowsHeld = 0;

  const drop = (id: string): void => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    rowsHeld -= entry.rows;
  };

  return {
    eligibility(key, basis, compute) {
      if (options.ttlMs <= 0) return compute();
      const id = JSON.stringify([key.resellerId, key.connectionVersion, key.teamId, key.groupId]);
      const now = clock();
      const hit = entries.get(id);
      if (
        hit &&
        hit.generation === generation &&
        now - hit.at < options.ttlMs &&
        hit.basis.users === basis.users &&
        hit.basis.teamName === basis.teamName &&
        hit.basis.memberCount === basis.memberCount
      ) {
        return hit.value;
      }
      drop(id);
      const value = compute();
      const entry: Entry = { at: now, generation, basis, rows: basis.users.length, value };
      entries.set(id, entry);
      rowsHeld += entry.rows;
      value.catch(() => {
        if (entries.get(id) === entry) drop(id);
      });
      // Map keeps insertion order: the first key is the oldest
      while (entries.size > maxEntries || (rowsHeld > maxRows && entries.size > 1))
        drop(entries.keys().next().value as string);
      return value;
    },
    invalidate() {
      generation++;
      entries.clear();
      rowsHeld = 0;
    },
  };
}
