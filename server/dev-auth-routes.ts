import type restify from 'restify';
import { z } from 'zod';
import { errorResponse } from '../src/api';
import type { DevIssuer } from '../src/auth';
import { AppError } from '../src/errors';
import type { Logger } from '../src/logging';
import type { HaloImportService } from '../src/service';
import { readBody } from './read-body';
import { sendApiResponse } from './send-response';

/** The Entra tenant of the demo seed (docs/demo-identities.md). */
export const DEMO_TENANT_ID = 'a1b2c3d4-0000-4000-8000-000000000001';

const tokenRequestSchema = z.object({
  oid: z.string().trim().min(1, 'oid is required (the Entra object id of a demo identity)').max(100),
  tid: z.string().trim().min(1).max(100).optional(),
});

/**
 * AUTH_MODE=dev only: the local issuer's key set and a demo sign-in that hands out tokens for
 * identities the store knows (so nobody can mint a token for an arbitrary object id).
 */
export function registerDevAuth(
  server: restify.Server,
  deps: { issuer: DevIssuer; service: HaloImportService; logger: Logger },
): void {
  server.get('/dev-auth/keys', (_req, res, next) => {
    sendApiResponse(res, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(deps.issuer.jwks()) });
    next();
  });
  server.post('/dev-auth/token', (req, res, next) => {
    void issueDevToken(req, deps).then((response) => {
      sendApiResponse(res, response);
      next();
    }, next);
  });
}

/** When not in dev mode the routes exist only to say no, in the API's error shape. */
export function refuseDevAuth(server: restify.Server, logger: Logger): void {
  const refuse: restify.RequestHandler = (req, res, next) => {
    sendApiResponse(res, errorResponse(new AppError('route_not_found', { detail: 'dev sign-in is off (AUTH_MODE=entra)' }), req.url ?? '', logger));
    next();
  };
  server.get('/dev-auth/keys', refuse);
  server.post('/dev-auth/token', refuse);
}

async function issueDevToken(
  req: restify.Request,
  deps: { issuer: DevIssuer; service: HaloImportService; logger: Logger },
) {
  try {
    const { body } = await readBody(req, 4096);
    if (!body || body.length > 4096) throw new AppError('bad_request', { message: 'Send {"oid": "<object id of a demo identity>"} as JSON.' });
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new AppError('bad_request', { message: 'The request body is not valid JSON. Send {"oid": "<object id>"}.' });
    }
    const parsed = tokenRequestSchema.safeParse(json);
    if (!parsed.success) {
      throw new AppError('bad_request', { message: `Send {"oid": "<object id of a demo identity>"}: ${parsed.error.issues[0]?.message ?? 'invalid'}.` });
    }
    const tid = parsed.data.tid ?? DEMO_TENANT_ID;
    const principal = await deps.service.resolveCaller({ entraTenantId: tid, entraObjectId: parsed.data.oid });
    const ttlSeconds = 3600;
    const token = deps.issuer.issue({ oid: principal.entraObjectId, tid: principal.entraTenantId, name: principal.name, ttlSeconds });
    deps.logger.info('dev sign-in', { adminId: principal.adminId });
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: JSON.stringify({ token, expiresIn: ttlSeconds, name: principal.name }),
    };
  } catch (error) {
    return errorResponse(error, 'POST /dev-auth/token', deps.logger);
  }
}
