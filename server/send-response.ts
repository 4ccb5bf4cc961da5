import type { ServerResponse } from 'node:http';
import type { ApiResponse } from '../src/api';

/** Writes a framework-free response with Node's own API (restify's formatters are bypassed). */
export function sendApiResponse(res: ServerResponse, response: ApiResponse, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string | number> = { ...response.headers, ...extraHeaders };
  if (response.body !== undefined) headers['content-length'] = Buffer.byteLength(response.body);
  res.writeHead(response.status, headers);
  res.end(response.body);
}
