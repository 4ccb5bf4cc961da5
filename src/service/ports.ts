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

/**
 * The HaloPSA port of the core. `src/halo` implements it over HTTP; every failure is an
 * AppError with a `halo_*` code.
 */
export interface HaloGateway {
  /** requests a token: proves the credentials (and scope) are accepted */
  verify(connection: HaloConnectionParams): Promise<void>;
  /** HaloPSA Clients, sorted by name */
  listGroups(connection: HaloConnectionParams): Promise<HaloGroup[]>;
  /** every user of one Client, active and inactive, all pages */
  listUsers(connection: HaloConnectionParams, groupId: number): Promise<HaloUser[]>;
}
