/** Where data lives. */
export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** An AES-256 key with the id stored beside each ciphertext (for rotation). */
export interface SecretKey {
  readonly id: string;
  readonly key: Buffer;
}

/** The one frozen configuration, built at start-up from the environment. */
export interface Config {
  readonly production: boolean;
  readonly port: number;
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly secrets: {
    readonly current: SecretKey;
    readonly previous: SecretKey | undefined;
    /** true when the key was generated into dataDir (demo only) */
    readonly generated: boolean;
  };
  /** absolute or cwd-relative path of the seed applied at start-up, or undefined */
  readonly seedFile: string | undefined;
  readonly auth: {
    readonly mode: 'dev' | 'entra';
    readonly clientId: string;
    readonly issuer: string;
    readonly jwksUrl: string;
  };
  readonly bot: {
    readonly id: string;
    readonly password: string;
    readonly type: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
    readonly tenantId: string;
  };
  readonly halo: {
    readonly allowPrivateUrls: boolean;
    readonly sandbox: boolean;
    /** where the built-in sandbox listens; stable so a stored demo Base URL survives restarts */
    readonly sandboxPort: number;
    /** OAuth scope requested from HaloPSA */
    readonly scope: string;
    /** Halo's documented limit for hosted tenants: requests per rolling window */
    readonly rateLimit: { readonly requests: number; readonly windowMs: number };
    /** a bot turn or tab request fails fast with halo_rate_limited rather than wait longer than this */
    readonly interactiveWaitMs: number;
  };
  /** computed previews reused between page flips (0 turns it off); any import drops them */
  readonly previewCache: {
    readonly ttlMs: number;
  };
}
