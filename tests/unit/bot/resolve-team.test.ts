import { resolveTeam } from '../../../bot/commands';
import type { TeamSummary } from '../../../src/contracts';

const team = (id: string, name: string): TeamSummary => ({ id, name, memberCount: 1, maxUsers: null });
const teams = [
  team('team-x', 'Team X'),
  team('team-x2', 'Team X Europe'),
  team('team-acme', 'Acme Corporation'),
  team('team-fabrikam', 'Fabrikam Retail'),
];

describe('resolveTeam', () => {
  it.each`
    query            | kind          | ids
    ${'Team X'}      | ${'match'}    | ${['team-x']}
    ${'team x'}      | ${'match'}    | ${['team-x']}
    ${'  TEAM   X '} | ${'match'}    | ${['team-x']}
    ${'acme'}        | ${'match'}    | ${['team-acme']}
    ${'retail'}      | ${'match'}    | ${['team-fabrikam']}
    ${'team'}        | ${'choose'}   | ${['team-x', 'team-x2']}
    ${''}            | ${'choose'}   | ${['team-x', 'team-x2', 'team-acme', 'team-fabrikam']}
    ${'Northwind'}   | ${'no_match'} | ${['team-x', 'team-x2', 'team-acme', 'team-fabrikam']}
  `('"$query" -> $kind $ids', ({ query, kind, ids }) => {
    const r = resolveTeam(query, teams);
    expect(r.kind).toBe(kind);
    const found = r.kind === 'match' ? [r.team] : r.kind === 'choose' ? r.candidates : r.teams;
    expect(found.map((t) => t.id)).toEqual(ids);
  });

  it('prefers the exact name over names that contain it', () => {
    expect(resolveTeam('Team X', teams)).toMatchObject({ kind: 'match', team: { id: 'team-x' } });
  });

  it('asks to choose when two Teams have the same name', () => {
    const r = resolveTeam('dup', [team('a', 'Dup'), team('b', 'dup')]);
    expect(r).toMatchObject({ kind: 'choose', reason: 'several' });
  });

  it('compares names in NFC so a decomposed é matches', () => {
    const r = resolveTeam('Cafe\u0301', [team('c', 'Café')]);
    expect(r).toMatchObject({ kind: 'match', team: { id: 'c' } });
  });
});
