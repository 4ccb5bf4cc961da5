import type { Logger } from '../logging';
import type { Vault } from '../secrets';
import type { Store } from '../store';
import type { Clock, HaloGateway } from './ports';
import type { PreviewCache } from './preview-cache';
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
  /**
   * how long a computed preview (eligibility of a group for a Team) is reused while no import
   * ran in this process and the Team's member count is unchanged (default 30 s; 0 disables)
   */
  readonly previewCacheTtlMs?: number;
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
  readonly previews: PreviewCache;
  /** ISO-8601 "now" from the injected clock */
  now(): string;
}
