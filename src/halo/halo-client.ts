import { createHash } from 'node:crypto';
import type { HaloGroup, HaloUser } from '../contracts';
import { AppError } from '../errors';
import { silentLogger, type Logger } from '../logging';
import type { HaloCallOptions, HaloConnectionParams, HaloGateway } from '../service';
import { systemResolveHost, type ResolveHost } from './address-policy';
import { resolveTarget } from './base-url';
import { sendHalo, type HttpDeps } from './halo-http';
import {
  haloClientRecordSchema,
  haloUserRecordSchema,
  pageSchemas,
  type ParsedPage,
} from './halo-schemas';
import { collectPages } from './paging';
import { createPinnedFetch, type HaloFetch } from './pinned-fetch';
import { createLimiterRegistry, rateLimitedError, type RateLimit } from './rate-limiter';
import { createTokenSession, type TokenSession } from './token-session';

/** Options of {@link createHaloClient}; every collaborator is injectable. */
export interface HaloClientOptions {
  /**
   * the HTTP transport. Default: a pinned node:https transport that connects only to the
   * addresses it vetted (see pinned-fetch.ts), or `globalThis.fetch` when private URLs are allowed
   */
  readonly fetch?: HaloFetch;
  /** DNS lookup used to vet hosts; default `dns.lookup(host, { all: true })` */
  readonly resolveHost?: ResolveHost;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** in [0, 1): jitter of the backoff */
  readonly random?: () => number;
  /** allow http:// and loopback/private addresses (the demo and the sandbox); default false */
  readonly allowPrivateUrls?: boolean;
  /** OAuth scope; default `all` */
  readonly scope?: string;
  /** the client-side limit per Halo host; default 300 requests per 300,000 ms (hosted Halo) */
  readonly rateLimit?: RateLimit;
  /** pages in flight at once after the first; default 8 (hides latency; the rate limiter still caps the rate) */
  readonly concurrency?: number;
  /** per request; default 15,000 ms */
  readonly timeoutMs?: number;
  /** retries of 5xx, network errors and timeouts; default 3 */
  readonly maxRetries?: number;
  /** waits after 429s before giving up with halo_rate_limited; default 5 */
  readonly maxRateLimitWaits?: number;
  /** backoff bases; defaults 1 s (errors), 5 s (429 without Retry-After), capped at 60 s */
  readonly backoff?: {
    readonly baseMs?: number;
    readonly maxMs?: number;
    readonly rateLimitBaseMs?: number;
  };
  /**
   * the longest an interactive call (`{ interactive: true }`: a bot turn, a tab request) waits
   * in all for rate-limit slots or out 429s before failing with `halo_rate_limited`; default
   * 5,000 ms (Teams retries a bot turn after 15 s). Other calls wait as long as the limits need
   */
  readonly interactiveWaitMs?: number;
  /** rows asked per page; default 100 (Halo caps pages at 100 whatever is asked) */
  readonly pageSize?: number;
  readonly logger?: Logger;
}

const MAX_SESSIONS = 200;

/**
 * The HaloPSA client: implements the core's {@link HaloGateway} over Halo's REST API.
 * Create one per process and share it: the rate limiter is per Halo host across all
 * connections, and tokens are cached per connection (tenant, base URL, client id, secret).
 *
 * @example
 * const halo = createHaloClient({ allowPrivateUrls: config.halo.allowPrivateUrls,
 *   scope: config.halo.scope, rateLimit: config.halo.rateLimit, logger });
 * const groups = await halo.listGroups({ tenantId: 'acme', clientId, clientSecret });
 */
export function createHaloClient(options: HaloClientOptions = {}): HaloGateway {
  const allowPrivateUrls = options.allowPrivateUrls ?? false;
  const resolveHost = options.resolveHost ?? systemResolveHost;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const logger = options.logger ?? silentLogger;
  const pageSize = options.pageSize ?? 100;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const scope = options.scope?.trim() || 'all';
  const interactiveWaitMs = Math.max(0, options.interactiveWaitMs ?? 5000);
  // one deadline for the whole call, however many pages and token requests it takes
  const waitUntilOf = (call: HaloCallOptions | undefined): number | undefined =>
    call?.interactive === true ? now() + interactiveWaitMs : undefined;
  const deps: HttpDeps = {
    fetch:
      options.fetch ??
      (allowPrivateUrls
        ? (url, init) => globalThis.fetch(url, init)
        : createPinnedFetch({ resolveHost })),
    resolveHost,
    allowPrivateUrls,
    limiterFor: createLimiterRegistry(options.rateLimit ?? { requests: 300, windowMs: 300_000 }, {
      now,
      sleep,
    }),
    now,
    sleep,
    random: options.random ?? Math.random,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxRetries: options.maxRetries ?? 3,
    maxRateLimitWaits: options.maxRateLimitWaits ?? 5,
    backoff: {
      baseMs: options.backoff?.baseMs ?? 1000,
      maxMs: options.backoff?.maxMs ?? 60_000,
      rateLimitBaseMs: options.backoff?.rateLimitBaseMs ?? 5000,
    },
    maxRetryAfterMs: 6 * 60_000,
    logger,
  };
  const sessions = new Map<string, { session: TokenSession; baseUrl: string }>();

  const sessionFor = (
    connection: HaloConnectionParams,
  ): { session: TokenSession; baseUrl: string } => {
    const target = resolveTarget(connection, { allowPrivateUrls });
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          target.baseUrl,
          target.tenant,
          connection.clientId,
          connection.clientSecret,
          scope,
        ]),
      )
      .digest('hex');
    let entry = sessions.get(key);
    if (!entry) {
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
      const session = createTokenSession(
        deps,
        {
          target,
          clientId: connection.clientId.trim(),
          clientSecret: connection.clientSecret,
          scope,
        },
        logger,
      );
      entry = { session, baseUrl: target.baseUrl };
      sessions.set(key, entry);
    }
    return entry;
  };

  const withTenantHint = async <T>(
    connection: HaloConnectionParams,
    run: () => Promise<T>,
  ): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      // a name we built ourselves that does not resolve is a tenant Halo does not host
      const derived = (connection.baseUrl ?? '').trim() === '';
      if (
        derived &&
        error instanceof AppError &&
        error.code === 'halo_unreachable' &&
        /DNS|ENOTFOUND|EAI_AGAIN/.test(error.detail ?? '')
      ) {
        throw new AppError('halo_tenant_unknown', { detail: error.detail, cause: error });
      }
      throw error;
    }
  };

  /** GET one API page with the bearer token; on a 401 mints a new token and retries once. */
  const getPage = async (
    entry: { session: TokenSession; baseUrl: string },
    path: string,
    query: Record<string, string>,
    kind: keyof typeof pageSchemas,
    waitUntil: number | undefined,
  ): Promise<ParsedPage> => {
    const url = `${entry.baseUrl}${path}?${new URLSearchParams(query).toString()}`;
    for (let attempt = 0; ; attempt++) {
      const token = await entry.session.token(waitUntil);
      const res = await sendHalo(deps, {
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        secrets: entry.session.secrets(),
        waitUntil,
      });
      if (res.status === 401 && attempt === 0) {
        logger.info('halo token refused, minting a new one', { path });
        entry.session.invalidate(token);
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        throw new AppError('halo_permission_denied', {
          message:
            'HaloPSA refused to list customers or users for this API application. In HaloPSA, give the application the "read:customers" (or "all") permission and check the agent it logs in as.',
          detail: `${path} answered ${res.status}: ${res.excerpt}`,
        });
      }
      if (res.status !== 200) {
        throw new AppError('halo_bad_response', {
          detail: `${path} answered ${res.status}: ${res.excerpt}`,
        });
      }
      if (res.notJson) {
        throw new AppError('halo_bad_response', {
          detail: `${path} answered a non-JSON page: ${res.excerpt}`,
        });
      }
      const parsed = pageSchemas[kind].safeParse(res.json);
      if (!parsed.success) {
        throw new AppError('halo_bad_response', {
          message:
            'HaloPSA answered with data this app does not understand. Check the Base URL points at your HaloPSA instance.',
          detail: `${path} page not understood: ${parsed.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.')} ${i.message}`)
            .join('; ')}`,
        });
      }
      return parsed.data;
    }
  };

  const listAll = async <T extends { id: number }>(
    entry: { session: TokenSession; baseUrl: string },
    path: string,
    query: Record<string, string>,
    kind: keyof typeof pageSchemas,
    parseRow: (row: unknown) => { success: true; data: T } | { success: false },
    waitUntil: number | undefined,
  ): Promise<T[]> => {
    // rows are parsed as each page arrives, so the work overlaps the waits for later pages;
    // a row that does not parse keeps its place (`undefined`) so page lengths stay true
    const paged = await collectPages(
      async (pageNo, size) => {
        const page = await getPage(
          entry,
          path,
          { ...query, pageinate: 'true', page_size: String(size), page_no: String(pageNo) },
          kind,
          waitUntil,
        );
        return {
          recordCount: page.recordCount,
          rows: page.rows.map((row) => {
            const r = parseRow(row);
            return r.success ? r.data : undefined;
          }),
        };
      },
      {
        pageSize,
        concurrency,
        maxPages: 10_000,
        // a call that cannot get its pages within its budget fails now, not after using up
        // what is left of the window on pages it will never return
        beforeRest: (pages) => {
          if (waitUntil === undefined) return;
          const wait = deps.limiterFor(new URL(entry.baseUrl).host).waitForMs(pages);
          if (deps.now() + wait > waitUntil) {
            throw rateLimitedError(wait, `${path}: ${pages} more pages do not fit in the wait budget`);
          }
        },
      },
    );
    const seen = new Set<number>();
    const out: T[] = [];
    let skipped = 0;
    for (const row of paged.rows as (T | undefined)[]) {
      if (row === undefined) skipped++;
      else if (!seen.has(row.id)) {
        seen.add(row.id);
        out.push(row);
      }
    }
    if (skipped > 0) logger.warn('halo records skipped: not understood', { path, skipped });
    if (paged.recordCount !== undefined && paged.rows.length < paged.recordCount) {
      logger.warn('halo served fewer records than record_count', {
        path,
        recordCount: paged.recordCount,
        served: paged.rows.length,
      });
    }
    logger.debug('halo list loaded', { path, records: out.length, pages: paged.pagesFetched });
    return out;
  };

  return {
    async verify(connection, call) {
      const entry = sessionFor(connection);
      const waitUntil = waitUntilOf(call);
      await withTenantHint(connection, () => entry.session.token(waitUntil));
    },

    async listGroups(connection, call) {
      const entry = sessionFor(connection);
      const waitUntil = waitUntilOf(call);
      const clients = await withTenantHint(connection, () =>
        listAll(
          entry,
          '/api/Client',
          { includeactive: 'true', includeinactive: 'false' },
          'clients',
          (row) => haloClientRecordSchema.safeParse(row),
          waitUntil,
        ),
      );
      const groups: HaloGroup[] = clients
        .filter((c) => !c.inactive)
        .map(({ id, name }) => ({ id, name }));
      if (groups.length === 0) {
        throw new AppError('halo_permission_denied', {
          message:
            'HaloPSA returned no customers. The agent the API application logs in as probably cannot see any clients: in HaloPSA give that agent access to your customers, then load the groups again.',
          detail: '/api/Client returned an empty list',
        });
      }
      return groups.sort(
        (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id - b.id,
      );
    },

    async listUsers(connection, groupId, call) {
      if (!Number.isSafeInteger(groupId) || groupId <= 0) {
        throw new AppError('bad_request', {
          message: `The HaloPSA group id must be a positive whole number, not ${String(groupId)}.`,
        });
      }
      const entry = sessionFor(connection);
      const waitUntil = waitUntilOf(call);
      const users: HaloUser[] = await withTenantHint(connection, () =>
        listAll(
          entry,
          '/api/Users',
          { client_id: String(groupId), includeactive: 'true', includeinactive: 'true' },
          'users',
          (row) => haloUserRecordSchema.safeParse(row),
          waitUntil,
        ),
      );
      return users;
    },
  };
}
