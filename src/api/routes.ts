import { z } from 'zod';
import {
  connectionViewSchema,
  createImportBodySchema,
  haloCredentialsInputSchema,
  haloGroupSchema,
  importRecordSchema,
  memberSchema,
  meSchema,
  previewSchema,
  teamSummarySchema,
  type Role,
} from '../contracts';
import { AppError } from '../errors';
import type { HaloImportService, Principal } from '../service';
import { header, type ApiRequest } from './http-types';
import { parseJsonBody, parseWith } from './request-parsing';

/** What a route handler gets once the caller is known. */
export interface RouteContext {
  readonly service: HaloImportService;
  readonly principal: Principal;
  readonly params: Readonly<Record<string, string>>;
  readonly req: ApiRequest;
}

/** One endpoint of spec §4. */
export interface Route {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** below /api/v1; `:name` segments become params */
  readonly pattern: string;
  /** roles allowed; the service checks again, this keeps the policy visible in one table */
  readonly roles: readonly Role[];
  run(ctx: RouteContext): Promise<{ status: number; body?: unknown }>;
}

const ANY: readonly Role[] = ['reseller_admin', 'client_admin'];
const RESELLER: readonly Role[] = ['reseller_admin'];

const groupIdQuery = z.object({
  groupId: z
    .string({ message: 'add ?groupId=<HaloPSA client id> (a whole number)' })
    .regex(/^\d{1,10}$/, 'must be a whole number (the HaloPSA client id)')
    .transform(Number)
    .pipe(z.number().int().positive('must be a positive whole number')),
});
const idempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 visible ASCII characters, such as a UUID');

/**
 * The API routes of spec §4. Every answer is parsed with its contract schema on the way out:
 * unknown fields (a secret a bug let through) are stripped, never sent.
 */
export const routes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/me',
    roles: ANY,
    run: async ({ service, principal }) => ok(meSchema, service.me(principal)),
  },
  {
    method: 'GET',
    pattern: '/teams',
    roles: ANY,
    run: async ({ service, principal }) =>
      ok(z.object({ teams: z.array(teamSummarySchema) }), { teams: await service.listTeams(principal) }),
  },
  {
    method: 'GET',
    pattern: '/halo/connection',
    roles: RESELLER,
    run: async ({ service, principal }) => ok(connectionViewSchema, await service.getConnection(principal)),
  },
  {
    method: 'PUT',
    pattern: '/halo/connection',
    roles: RESELLER,
    run: async ({ service, principal, req }) => {
      const input = parseJsonBody(req, haloCredentialsInputSchema);
      return ok(connectionViewSchema, await service.saveConnection(principal, input));
    },
  },
  {
    method: 'DELETE',
    pattern: '/halo/connection',
    roles: RESELLER,
    run: async ({ service, principal }) => {
      await service.deleteConnection(principal);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: '/halo/groups',
    roles: RESELLER,
    run: async ({ service, principal }) =>
      ok(z.object({ groups: z.array(haloGroupSchema) }), { groups: await service.listGroups(principal) }),
  },
  {
    method: 'GET',
    pattern: '/teams/:teamId/preview',
    roles: RESELLER,
    run: async ({ service, principal, params, req }) => {
      const { groupId } = parseWith(groupIdQuery, { groupId: single(req.query.groupId) }, 'query');
      return ok(previewSchema, await service.preview(principal, required(params.teamId), groupId));
    },
  },
  {
    method: 'POST',
    pattern: '/teams/:teamId/imports',
    roles: RESELLER,
    run: async ({ service, principal, params, req }) => {
      const rawKey = header(req, 'idempotency-key');
      if (rawKey === undefined || rawKey.trim() === '') throw new AppError('idempotency_key_missing');
      const key = parseWith(idempotencyKey, rawKey.trim(), 'Idempotency-Key');
      const body = parseJsonBody(req, createImportBodySchema);
      const record = await service.importUsers(principal, {
        teamId: required(params.teamId),
        groupId: body.groupId,
        haloUserIds: body.haloUserIds,
        idempotencyKey: key,
      });
      return { status: 201, body: importRecordSchema.parse(record) };
    },
  },
  {
    method: 'GET',
    pattern: '/imports/:importId',
    roles: RESELLER,
    run: async ({ service, principal, params }) =>
      ok(importRecordSchema, await service.getImport(principal, required(params.importId))),
  },
  {
    method: 'GET',
    pattern: '/teams/:teamId/imports',
    roles: RESELLER,
    run: async ({ service, principal, params }) =>
      ok(z.object({ imports: z.array(importRecordSchema) }), {
        imports: await service.listImports(principal, required(params.teamId)),
      }),
  },
  {
    method: 'GET',
    pattern: '/teams/:teamId/members',
    roles: ANY,
    run: async ({ service, principal, params }) =>
      ok(z.object({ members: z.array(memberSchema) }), {
        members: await service.listMembers(principal, required(params.teamId)),
      }),
  },
];

function ok<S extends z.ZodType>(schema: S, value: unknown): { status: number; body: z.output<S> } {
  return { status: 200, body: schema.parse(value) };
}

function single(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

function required(value: string | undefined): string {
  if (value === undefined) throw new AppError('route_not_found');
  return value;
}
