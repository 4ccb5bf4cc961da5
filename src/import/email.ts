// eslint-disable-next-line no-control-regex -- "is this string ASCII" needs the whole range
const ASCII = /^[\x00-\x7f]*$/;

/**
 * The one definition of "the same email" (spec §1): trimmed, Unicode NFC, lower-cased.
 * Returns null for a blank or whitespace-only address.
 */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  // ASCII is already NFC: skipping normalize() keeps 50,000-user groups fast
  return (ASCII.test(trimmed) ? trimmed : trimmed.normalize('NFC')).toLowerCase();
}

// Pragmatic, not RFC 5322: one @, a non-empty local part without spaces, and a dotted domain
// whose labels are letters/digits/hyphens (Unicode letters allowed for IDN addresses).
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}]{2,}$/u;
// A stricter ASCII-only shape that implies EMAIL: the common case, several times cheaper
const SIMPLE =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9]{2,}$/;

/** true when a normalized email looks deliverable enough to create an account for. */
export function isValidEmail(normalized: string): boolean {
  if (normalized.length > 254) return false;
  const at = normalized.lastIndexOf('@');
  if (at < 1 || at > 64) return false;
  if (SIMPLE.test(normalized)) return true;
  const local = normalized.slice(0, at);
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return EMAIL.test(normalized);
}
