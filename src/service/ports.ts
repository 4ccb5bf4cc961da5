import type { HaloGroup, HaloUser } from '../contracts';

/** Milliseconds since the epoch; injected so tests control time. */
export type Clock = () => number;

/** What the core needs to reach one HaloPSA tenant (the secret already decrypted). */
export interface HaloConnectionParams {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** overrides https://<tenant>.halopsa.com (custom domains, the sandbox) */
  readonly baseUrl?: string | undefined;
}

/** How one HaloPSA call may wait under HaloPSA's rate limit. */
export interface HaloCallOptions {
  /**
   * a person is waiting (a bot turn, a tab request): when a rate-limit slot (or a 429's
   * Retry-After) would take longer than the client's interactive wait budget, the call fails at
   * once with AppError `halo_rate_limited` and `retryAfterSeconds`. Default false: wait it out
   */
  readonly interactive?: boolean;
}

/**
 * The HaloPSA port of the core. `src/halo` implements it over HTTP; every failure is an
 * AppError with a `halo_*` code.
 */
export interface HaloGateway {
  /** requests a token: proves the credentials (and scope) are accepted */
  verify(connection: HaloConnectionParams, options?: HaloCallOptions): Promise<void>;
  /** HaloPSA Clients, sorted by name */
  listGroups(connection: HaloConnectionParams, options?: HaloCallOptions): Promise<HaloGroup[]>;
  /** every user of one Client, active and inactive, all pages */
  listUsers(
    connection: HaloConnectionParams,
    groupId: number,
    options?: HaloCallOptions,
  ): Promise<HaloUser[]>;
}
