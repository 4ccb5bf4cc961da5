import type { TeamSummary } from '../../src/contracts';

/** How a typed team name maps onto the caller's Teams (spec §5). */
export type TeamResolution =
  | { readonly kind: 'match'; readonly team: TeamSummary }
  | { readonly kind: 'choose'; readonly reason: 'none_given' | 'several'; readonly candidates: readonly TeamSummary[] }
  | { readonly kind: 'no_match'; readonly teams: readonly TeamSummary[] };

/**
 * Exact name ignoring case first, else the unique Team whose name contains the text.
 * No text: choose among all. Several: choose among those. None: say so and list them all.
 */
export function resolveTeam(query: string, teams: readonly TeamSummary[]): TeamResolution {
  const q = fold(query);
  if (q === '') return { kind: 'choose', reason: 'none_given', candidates: teams };
  const exact = teams.filter((t) => fold(t.name) === q);
  if (exact.length === 1) return { kind: 'match', team: exact[0]! };
  if (exact.length > 1) return { kind: 'choose', reason: 'several', candidates: exact };
  const contains = teams.filter((t) => fold(t.name).includes(q));
  if (contains.length === 1) return { kind: 'match', team: contains[0]! };
  if (contains.length > 1) return { kind: 'choose', reason: 'several', candidates: contains };
  return { kind: 'no_match', teams };
}

function fold(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en-US');
}
