import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaults, type FaultControl } from './faults';
import {
  createSandboxData,
  SANDBOX_CREDENTIALS,
  type SandboxClient,
  type SandboxData,
  type SandboxUser,
} from './sandbox-data';

/** Options of {@link startHaloSandbox}. */
export interface HaloSandboxOptions {
  /** default 0 (any free port) */
  readonly port?: number;
  /** default 127.0.0.1 */
  readonly host?: string;
  /** added to every answer; default 0 */
  readonly latencyMs?: number;
  /** lifetime of issued tokens; default 3600 */
  readonly tokenTtlSeconds?: number;
  /** most rows per page whatever `page_size` asks; default 100 (as hosted Halo) */
  readonly pageCap?: number;
  /** the sandbox's own limit; default Halo's 300 per rolling 300,000 ms; `false` turns it off */
  readonly rateLimit?: { readonly requests: number; readonly windowMs: number } | false;
  /** default {@link createSandboxData} */
  readonly data?: SandboxData;
  /** adds Massive Dynamic (id 99) with 50,000 users when `data` is not given */
  readonly bigGroup?: boolean;
}

/** What the sandbox counted since it started (or since `resetStats`). */
export interface SandboxStats {
  requests: number;
  /** every 429 served, faults included */
  rateLimited: number;
  /** 429s the sandbox's own rate limit served: a well-behaved client keeps this at 0 */
  rateLimitedByLimit: number;
  /** requests per lower-cased path */
  byPath: Record<string, number>;
  /** most requests in flight at once */
  maxInFlight: number;
}

/** A running sandbox. */
export interface HaloSandbox {
  /** base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly tenant: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly data: SandboxData;
  readonly faults: FaultControl;
  readonly stats: SandboxStats;
  resetStats(): void;
  close(): Promise<void>;
}

const KNOWN_SCOPES = new Set(
  [
    'all',
    'all:standard',
    'all:teams',
    'admin',
    'editMine:timesheets',
    'access:chat',
    'access:adpasswordreset',
  ].concat(
    [
      'tickets',
      'calendar',
      'customers',
      'crm',
      'timesheets',
      'contracts',
      'suppliers',
      'items',
      'projects',
      'sales',
      'quotes',
      'sos',
      'pos',
      'invoices',
      'reporting',
      'software',
      'softwarelicensing',
      'kb',
      'assets',
    ].flatMap((s) => [`read:${s}`, `edit:${s}`]),
  ),
);
const CUSTOMER_SCOPES = ['all', 'all:standard', 'admin', 'read:customers', 'edit:customers'];

interface IssuedToken {
  readonly expiresAt: number;
  readonly generation: number;
  readonly scopes: readonly string[];
}

/**
 * Starts a HaloPSA-compatible server (spec §7) on node:http: auth discovery, client-credentials
 * tokens that expire, `/api/Client` and `/api/Users` with Halo's paging (a 100-row cap,
 * `record_count`), case-insensitive paths, its own rolling rate limit and switchable faults.
 */
export async function startHaloSandbox(options: HaloSandboxOptions = {}): Promise<HaloSandbox> {
  const data = options.data ?? createSandboxData({ bigGroup: options.bigGroup ?? false });
  const pageCap = options.pageCap ?? 100;
  const ttl = options.tokenTtlSeconds ?? 3600;
  const latency = options.latencyMs ?? 0;
  const limit =
    options.rateLimit === false
      ? undefined
      : (options.rateLimit ?? { requests: 300, windowMs: 300_000 });
  const faults = createFaults();
  const tokens = new Map<string, IssuedToken>();
  const served: number[] = [];
  const usersByClient = groupUsers(data.users);
  const stats: SandboxStats = {
    requests: 0,
    rateLimited: 0,
    rateLimitedByLimit: 0,
    byPath: {},
    maxInFlight: 0,
  };
  let inFlight = 0;
  let baseUrl = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const arrived = Date.now();
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname.toLowerCase().replace(/\/+$/, '');
    stats.requests++;
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
    const body = req.method === 'POST' ? await readBody(req) : '';

    const answer = await route();
    const slow = faults.take('slow', path);
    const delay = latency + (slow?.ms ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (answer.status === 429) stats.rateLimited++;
    if (!res.destroyed) {
      res.writeHead(answer.status, { 'content-type': answer.type, ...answer.headers });
      res.end(answer.text);
    }

    async function route(): Promise<Answer> {
      if (limit) {
        while (served.length > 0 && (served[0] as number) <= arrived - limit.windowMs)
          served.shift();
        if (served.length >= limit.requests) {
          stats.rateLimitedByLimit++;
          const retryAfter = Math.max(
            1,
            Math.ceil(((served[0] as number) + limit.windowMs - arrived) / 1000),
          );
          return json(
            429,
            {
              Message: `Rate Limit Reached - ${limit.requests} Requests per rolling ${limit.windowMs / 1000} second window`,
            },
            { 'retry-after': String(retryAfter) },
          );
        }
        served.push(arrived);
      }
      const limited = faults.take('rateLimit', path);
      if (limited) {
        const headers: Record<string, string> =
          limited.retryAfterSeconds === undefined
            ? {}
            : { 'retry-after': String(limited.retryAfterSeconds) };
        return json(
          429,
          { Message: 'Rate Limit Reached - 300 Requests per rolling 5 minute window' },
          headers,
        );
      }
      if (faults.take('serverError', path)) return html(500, errorPage());
      if (faults.take('htmlPage', path)) return html(200, loginPage());

      if (req.method === 'GET' && path === '/api/authinfo') {
        if (faults.flags.authInfoMissing)
          return json(404, { Message: 'No HTTP resource was found that matches the request URI.' });
        return json(200, {
          auth_url: `${baseUrl}/auth`,
          tenant_id: SANDBOX_CREDENTIALS.tenant,
          identity_server: false,
        });
      }
      if (path === '/auth/token')
        return req.method === 'POST' ? token(url, body) : json(405, { error: 'invalid_request' });
      if (path === '/api/client' || path === '/api/users') {
        if (req.method !== 'GET')
          return json(405, { Message: 'Only GET is served by the sandbox.' });
        const denied = authorize(req.headers.authorization);
        if (denied) return denied;
        return path === '/api/client' ? clients(url) : users(url);
      }
      return json(404, { Message: 'No HTTP resource was found that matches the request URI.' });
    }
  };

  const token = (url: URL, body: string): Answer => {
    const form = new URLSearchParams(body);
    const tenant = url.searchParams.get('tenant') ?? form.get('tenant');
    if (form.get('grant_type') !== 'client_credentials')
      return json(400, { error: 'unsupported_grant_type' });
    if (tenant !== null && tenant.toLowerCase() !== SANDBOX_CREDENTIALS.tenant) {
      return json(400, {
        error: 'invalid_request',
        error_description: `Unknown tenant '${tenant}'`,
      });
    }
    if (
      form.get('client_id') !== SANDBOX_CREDENTIALS.clientId ||
      form.get('client_secret') !== SANDBOX_CREDENTIALS.clientSecret
    ) {
      return json(401, { error: 'invalid_client' });
    }
    // like Halo, a request without scope still gets a token: it is refused later, on every call
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.some((s) => !KNOWN_SCOPES.has(s))) return json(400, { error: 'invalid_scope' });
    const value = randomBytes(24).toString('base64url');
    tokens.set(value, {
      expiresAt: Date.now() + ttl * 1000,
      generation: faults.flags.tokenGeneration,
      scopes,
    });
    return json(200, {
      access_token: value,
      token_type: 'Bearer',
      expires_in: ttl,
      scope: scopes.join(' '),
    });
  };

  const authorize = (header: string | undefined): Answer | undefined => {
    const value = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
    const issued = value === undefined ? undefined : tokens.get(value);
    if (
      !issued ||
      issued.expiresAt <= Date.now() ||
      issued.generation !== faults.flags.tokenGeneration
    ) {
      return json(401, { Message: 'Authorization has been denied for this request.' });
    }
    if (faults.flags.forbidden || !issued.scopes.some((s) => CUSTOMER_SCOPES.includes(s))) {
      return json(403, { Message: 'You do not have permission to access this resource.' });
    }
    return undefined;
  };

  const clients = (url: URL): Answer => {
    const visible = faults.flags.hideClients ? [] : data.clients;
    const matches = searchFilter(url);
    const rows = filterStatus(visible, url).filter((c) => matches([c.name]));
    return list(
      url,
      'clients',
      rows.map((c) => ({ ...c, toplevel_id: 1, toplevel_name: 'Customers', colour: '', logo: '' })),
      false,
    );
  };

  // every page of a listing filters the same rows: keep the last few filtered lists
  const filtered = new Map<string, SandboxUser[]>();
  const clientNames = new Map(data.clients.map((c) => [c.id, c.name]));
  const users = (url: URL): Answer => {
    const q = url.searchParams;
    const key = JSON.stringify([
      q.get('client_id'),
      q.get('includeactive'),
      q.get('includeinactive'),
      q.get('search'),
    ]);
    let rows = filtered.get(key);
    if (!rows) {
      const clientId = q.get('client_id');
      const pool =
        clientId === null ? data.users : (usersByClient.get(Math.trunc(Number(clientId))) ?? []);
      const matches = searchFilter(url);
      rows = filterStatus(pool, url).filter((u) => matches([u.name, u.emailaddress]));
      if (filtered.size >= 16) filtered.delete(filtered.keys().next().value as string);
      filtered.set(key, rows);
    }
    return list(url, 'users', rows, true, (u: SandboxUser) => ({
      ...u,
      client_name: clientNames.get(u.client_id) ?? '',
      site_id_int: u.site_id,
      linked_agent_id: 0,
      role_list: '',
      azure_id: '',
    }));
  };

  const list = <T>(
    url: URL,
    key: 'clients' | 'users',
    rows: readonly T[],
    isUsers: boolean,
    shape: (row: T) => unknown = (r) => r,
  ): Answer => {
    const q = url.searchParams;
    let page: readonly T[];
    let recordCount: number;
    if (q.get('pageinate') === 'true') {
      const size = Math.max(1, Math.min(Number(q.get('page_size') ?? 50) || 50, pageCap));
      const pageNo = Math.max(1, Number(q.get('page_no') ?? 1) || 1);
      page =
        isUsers && faults.takeEmptyPage(pageNo)
          ? []
          : rows.slice((pageNo - 1) * size, pageNo * size);
      recordCount = rows.length + faults.flags.inflate;
    } else {
      page = rows.slice(0, pageCap);
      recordCount = page.length;
    }
    const items = page.map(shape);
    return json(200, faults.flags.bareArray ? items : { record_count: recordCount, [key]: items });
  };

  const json = (status: number, value: unknown, headers: Record<string, string> = {}): Answer => ({
    status,
    type: 'application/json; charset=utf-8',
    text: styleIds(JSON.stringify(value), faults.flags.idStyle),
    headers,
  });

  const server = createServer((req, res) => {
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    handle(req, res)
      .catch(() => {
        // restify, loaded in the same process, patches writeHead to return nothing: never chain it
        if (res.headersSent) return;
        res.writeHead(500, { 'content-type': 'text/html' });
        res.end(errorPage());
      })
      .finally(() => {
        inFlight--;
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    url: baseUrl,
    tenant: SANDBOX_CREDENTIALS.tenant,
    clientId: SANDBOX_CREDENTIALS.clientId,
    clientSecret: SANDBOX_CREDENTIALS.clientSecret,
    data,
    faults: faults.control,
    stats,
    resetStats() {
      Object.assign(stats, {
        requests: 0,
        rateLimited: 0,
        rateLimitedByLimit: 0,
        byPath: {},
        maxInFlight: 0,
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly text: string;
  readonly headers: Record<string, string>;
}

function html(status: number, text: string): Answer {
  return { status, type: 'text/html; charset=utf-8', text, headers: {} };
}

function groupUsers(users: readonly SandboxUser[]): Map<number, SandboxUser[]> {
  const map = new Map<number, SandboxUser[]>();
  for (const u of [...users].sort((a, b) => a.id - b.id)) {
    const list = map.get(u.client_id) ?? [];
    list.push(u);
    map.set(u.client_id, list);
  }
  return map;
}

// Halo's defaults when neither flag is sent are undocumented; the sandbox hides inactive
// records then, so a client that forgets `includeinactive` visibly misses users.
function filterStatus<T extends SandboxClient | SandboxUser>(rows: readonly T[], url: URL): T[] {
  const active = url.searchParams.get('includeactive');
  const inactive = url.searchParams.get('includeinactive');
  const wantActive = active === null ? true : active === 'true';
  const wantInactive = inactive === 'true';
  return rows.filter((r) => (r.inactive ? wantInactive : wantActive));
}

function searchFilter(url: URL): (fields: readonly string[]) => boolean {
  const search = url.searchParams.get('search')?.trim().toLowerCase();
  return (fields) => !search || fields.some((f) => f.toLowerCase().includes(search));
}

function styleIds(text: string, style: 'int' | 'decimal' | 'string'): string {
  if (style === 'int') return text;
  return text.replace(/"(id|client_id|site_id)":(-?\d+)(?=[,}])/g, (_m, key: string, n: string) =>
    style === 'decimal' ? `"${key}":${n}.0` : `"${key}":"${n}"`,
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function errorPage(): string {
  // Halo's real one is ~280 KB; a few KB of markup is enough to break a naive JSON.parse
  const filler = '<div class="spacer"></div>\n'.repeat(150);
  return `<!DOCTYPE html>\n<html><head><title>Sorry, something went wrong</title></head><body><h1>Sorry, something went wrong.</h1><p>An error occurred while processing your request.</p>${filler}</body></html>`;
}

function loginPage(): string {
  return '<!DOCTYPE html>\n<html><head><title>Log in - HaloPSA</title></head><body><form action="/auth/Account/Login"><input name="username"></form></body></html>';
}
