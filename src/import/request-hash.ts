import { createHash } from 'node:crypto';

/**
 * Fingerprint of what an import asked for: the same Idempotency-Key with another fingerprint is
 * a different request. Order and repeats of the ids do not matter.
 */
export function importRequestHash(request: {
  readonly teamId: string;
  readonly groupId: number;
  readonly haloUserIds: readonly number[];
}): string {
  const ids = [...new Set(request.haloUserIds)].sort((a, b) => a - b);
  return createHash('sha256')
    .update(JSON.stringify({ teamId: request.teamId, groupId: request.groupId, ids }))
    .digest('base64url');
}
