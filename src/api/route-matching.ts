import { AppError } from '../errors';
import type { Route } from './routes';

/** The prefix every route lives under. */
export const API_PREFIX = '/api/v1';

const SEGMENT = /^[A-Za-z0-9._~-]{1,128}$/;

/** Finds the route for a method and path, with its decoded params; undefined when none. */
export function matchRoute(
  table: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) return undefined;
  const parts = path.slice(API_PREFIX.length).split('/').filter((p) => p !== '');
  for (const route of table) {
    if (route.method !== method.toUpperCase()) continue;
    const pattern = route.pattern.split('/').filter((p) => p !== '');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < pattern.length && matched; i += 1) {
      const want = pattern[i] as string;
      const got = parts[i] as string;
      if (want.startsWith(':')) params[want.slice(1)] = decodeSegment(got);
      else matched = want === got;
    }
    if (matched) return { route, params };
  }
  return undefined;
}

function decodeSegment(raw: string): string {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    throw new AppError('bad_request', { message: 'The address has a badly encoded part. Check the link and try again.' });
  }
  // ids in this product are short slugs; anything else cannot name an object, so refuse it early
  if (!SEGMENT.test(value)) {
    throw new AppError('not_found', { detail: `id segment ${JSON.stringify(value.slice(0, 40))} has unexpected characters` });
  }
  return value;
}
