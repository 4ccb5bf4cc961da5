import { z } from 'zod';
import {
  apiErrorSchema,
  connectionViewSchema,
  haloGroupSchema,
  importRecordSchema,
  memberSchema,
  meSchema,
  previewSchema,
  teamSummarySchema,
  type ConnectionView,
  type HaloCredentialsInput,
  type HaloGroup,
  type ImportRecord,
  type Me,
  type Member,
  type Preview,
  type TeamSummary,
} from '../../../src/contracts';

/** An API failure with the server's code and its plain-words message. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

/** Everything the tab asks the server (spec §4). */
export interface ApiClient {
  me(): Promise<Me>;
  teams(): Promise<TeamSummary[]>;
  connection(): Promise<ConnectionView>;
  saveConnection(input: { tenantId: string; clientId: string; clientSecret: string; baseUrl?: string }): Promise<ConnectionView>;
  deleteConnection(): Promise<void>;
  groups(): Promise<HaloGroup[]>;
  preview(teamId: string, groupId: number): Promise<Preview>;
  importUsers(teamId: string, body: { groupId: number; haloUserIds: number[] }, idempotencyKey: string): Promise<ImportRecord>;
  imports(teamId: string): Promise<ImportRecord[]>;
  members(teamId: string): Promise<Member[]>;
}

export interface ApiClientOptions {
  /** a fresh token for every call: Teams caches it, the tab never stores it */
  readonly getToken: () => Promise<string>;
  readonly fetch?: typeof fetch;
  readonly baseUrl?: string;
}

/** The typed client: answers are parsed with the shared contract schemas. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl ?? '';

  async function call<S extends z.ZodType>(method: string, path: string, schema: S | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<z.output<S>> {
    let token: string;
    try {
      token = await options.getToken();
    } catch (error) {
      throw new ApiClientError(401, 'sign_in_failed', `Signing you in did not work (${error instanceof Error ? error.message : String(error)}). Reload the tab to try again.`);
    }
    let res: Response;
    try {
      res = await doFetch(`${base}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiClientError(0, 'network', 'The server could not be reached. Check your network connection and try again.');
    }
    if (res.status === 204) return undefined as z.output<S>;
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const parsed = apiErrorSchema.safeParse(json);
      if (parsed.success) throw new ApiClientError(res.status, parsed.data.error.code, parsed.data.error.message);
      throw new ApiClientError(res.status, 'unexpected', `The server answered with an error (HTTP ${res.status}). Try again in a moment.`);
    }
    if (!schema) return undefined as z.output<S>;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiClientError(res.status, 'unexpected', 'The server sent an answer the tab does not understand. Reload the tab; if it persists, contact support.');
    return parsed.data;
  }

  const id = encodeURIComponent;
  return {
    me: () => call('GET', '/me', meSchema),
    teams: async () => (await call('GET', '/teams', z.object({ teams: z.array(teamSummarySchema) }))).teams,
    connection: () => call('GET', '/halo/connection', connectionViewSchema),
    saveConnection: (input: HaloCredentialsInput | { tenantId: string; clientId: string; clientSecret: string; baseUrl?: string }) =>
      call('PUT', '/halo/connection', connectionViewSchema, input),
    deleteConnection: async () => {
      await call('DELETE', '/halo/connection', undefined);
    },
    groups: async () => (await call('GET', '/halo/groups', z.object({ groups: z.array(haloGroupSchema) }))).groups,
    preview: (teamId, groupId) => call('GET', `/teams/${id(teamId)}/preview?groupId=${groupId}`, previewSchema),
    importUsers: (teamId, body, key) => call('POST', `/teams/${id(teamId)}/imports`, importRecordSchema, body, { 'idempotency-key': key }),
    imports: async (teamId) => (await call('GET', `/teams/${id(teamId)}/imports`, z.object({ imports: z.array(importRecordSchema) }))).imports,
    members: async (teamId) => (await call('GET', `/teams/${id(teamId)}/members`, z.object({ members: z.array(memberSchema) }))).members,
  };
}

/** Plain words for anything thrown, for the error bars. */
export function errorText(error: unknown): string {
  if (error instanceof ApiClientError) return error.message;
  return 'Something went wrong in the tab. Reload it and try again.';
}
