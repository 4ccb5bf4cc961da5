import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body without restify's bodyParser, so the API can answer 413 itself.
 * Reads at most `limit + 1` bytes; the rest is drained and dropped (so the client gets the 413
 * instead of a reset), unless the declared or actual size passes `hardLimit`: then it stops at once.
 */
export async function readBody(
  req: IncomingMessage,
  limit: number,
  hardLimit = limit * 8,
): Promise<{ body: Buffer | undefined; abandon: boolean }> {
  const declared = Number(req.headers['content-length'] ?? 'NaN');
  if (Number.isFinite(declared) && declared > hardLimit) {
    return { body: Buffer.alloc(limit + 1), abandon: true };
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let seen = 0;
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > hardLimit) {
        req.removeAllListeners('data');
        req.pause();
        resolve({ body: Buffer.concat(chunks), abandon: true });
        return;
      }
      if (kept <= limit) {
        const room = limit + 1 - kept;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        chunks.push(part);
        kept += part.length;
      }
    });
    req.on('end', () => resolve({ body: kept === 0 ? undefined : Buffer.concat(chunks), abandon: false }));
    req.on('error', reject);
  });
}
