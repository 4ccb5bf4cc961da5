/** What a typed message asks for. */
export type Command =
  | { readonly kind: 'import'; readonly team: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'status' }
  | { readonly kind: 'disconnect' }
  | { readonly kind: 'unknown'; readonly text: string };

const IMPORT = /^import\s+halo(?:psa)?\s+users(?:\s+(?:to|into)(?:\s+(.*))?)?$/i;
const HELP = /^(?:help|hi|hello|hey|\?)$/i;
const STATUS = /^status$/i;
const DISCONNECT = /^disconnect(?:\s+halo(?:psa)?)?$/i;

/**
 * Parses a message the recipient mention was already stripped from: case-insensitive,
 * extra spaces ignored, a trailing full stop or exclamation mark tolerated.
 */
export function parseCommand(raw: string): Command {
  const text = normalize(raw);
  const importMatch = IMPORT.exec(text);
  if (importMatch) return { kind: 'import', team: stripQuotes(importMatch[1] ?? '') };
  const word = text.replace(/[.!]+$/, '');
  if (HELP.test(word)) return { kind: 'help' };
  if (STATUS.test(word)) return { kind: 'status' };
  if (DISCONNECT.test(word)) return { kind: 'disconnect' };
  return { kind: 'unknown', text };
}

function normalize(raw: string): string {
  // Teams may send non-breaking spaces, and leftovers of a removed <at> mention.
  return raw
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

function stripQuotes(team: string): string {
  return team
    .trim()
    .replace(/[.!]+$/, '')
    .replace(/^["“'](.*)["”']$/, '$1')
    .trim();
}
