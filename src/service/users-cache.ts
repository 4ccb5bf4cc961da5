import type { HaloGroup, HaloUser } from '../contracts';
import type { Clock } from './ports';

const MAX_ENTRIES = 64;

/**
 * Remembers HaloPSA answers briefly, per (reseller, connection version, what), so preview ->
 * import -> approve does not page through a big group three times. Concurrent asks share one
 * fetch; a failed fetch is forgotten at once. Keyed by the connection version, so new
 * credentials never see old data.
 */
export interface HaloUsersCache {
  users(key: CacheKey, groupId: number, load: () => Promise<HaloUser[]>): Promise<HaloUser[]>;
  groups(key: CacheKey, load: () => Promise<HaloGroup[]>): Promise<HaloGroup[]>;
  /** always asks HaloPSA (the admin pressed "Load Groups"), and remembers the answer */
  refreshGroups(key: CacheKey, load: () => Promise<HaloGroup[]>): Promise<HaloGroup[]>;
  /** drops everything of one reseller (connection saved or removed) */
  forget(resellerId: string): void;
}

export interface CacheKey {
  readonly resellerId: string;
  readonly connectionVersion: number;
}

const groupsKey = (k: CacheKey) => `${k.resellerId}\u0000${k.connectionVersion}\u0000groups`;

export function createHaloUsersCache(clock: Clock, ttlMs: number): HaloUsersCache {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();

  function remember<T>(key: string, load: () => Promise<T>, fresh = false): Promise<T> {
    if (ttlMs <= 0) return load();
    const hit = entries.get(key);
    if (!fresh && hit && clock() - hit.at < ttlMs) return hit.value as Promise<T>;
    const value = load();
    entries.set(key, { at: clock(), value });
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    // Map keeps insertion order: the first key is the oldest
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    return value;
  }

  return {
    users: (k, groupId, load) => remember(`${k.resellerId}\u0000${k.connectionVersion}\u0000users\u0000${groupId}`, load),
    groups: (k, load) => remember(groupsKey(k), load),
    refreshGroups: (k, load) => remember(groupsKey(k), load, true),
    forget(resellerId) {
      for (const key of entries.keys()) if (key.startsWith(`${resellerId}\u0000`)) entries.delete(key);
    },
  };
}
