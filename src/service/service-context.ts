import type { Logger } from '../logging';
import type { Vault } from '../secrets';
import type { Store } from '../store';
import type { Clock, HaloGateway } from './ports';
import type { HaloUsersCache } from './users-cache';

/** Collaborators of {@link createHaloImportService}. */
export interface HaloImportServiceDeps {
  readonly store: Store;
  readonly halo: HaloGateway;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId?: () => string;
  /** how long a HaloPSA group's users are reused (default 60 s; 0 disables the cache) */
  readonly usersCacheTtlMs?: number;
}

/** What every part of the service shares. */
export interface ServiceContext {
  readonly store: Store;
  readonly halo: HaloGateway;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId: () => string;
  readonly cache: HaloUsersCache;
  /** ISO-8601 "now" from the injected clock */
  now(): string;
}
