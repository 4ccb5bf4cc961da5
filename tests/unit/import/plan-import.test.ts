import { computeEligibility, importableIds, NOT_IN_GROUP, planImport } from '../../../src/import';
import { haloUser } from '../../fixtures/core/halo-users';

const rows = computeEligibility({
  users: [
    haloUser(1, { name: 'Ann', email: ' Ann@Acme.example ' }),
    haloUser(2, { name: 'Ben', inactive: true }),
    haloUser(3, { name: 'Cat', email: 'taken@acme.example' }),
    haloUser(4, { name: 'Dan' }),
  ],
  teamName: 'Team X',
  memberEmails: new Set(),
  accountEmails: new Set(['taken@acme.example']),
}).rows;

describe('planImport', () => {
  it.each<[string, number[], { import: number[]; skip: [number, string][]; fail: number[] }]>([
    ['importable ids are imported', [1, 4], { import: [1, 4], skip: [], fail: [] }],
    ['not-importable ids are skipped with their status', [2, 3], { import: [], skip: [[2, 'inactive'], [3, 'exists']], fail: [] }],
    ['unknown ids fail', [99], { import: [], skip: [], fail: [99] }],
    ['repeated ids count once', [1, 1, 1], { import: [1], skip: [], fail: [] }],
    ['a mix keeps request order', [99, 3, 1], { import: [1], skip: [[3, 'exists']], fail: [99] }],
  ])('%s', (_name, requestedIds, expected) => {
    const plan = planImport({ rows, requestedIds });
    expect(plan.toImport.map((u) => u.haloId)).toEqual(expected.import);
    expect(plan.skipped.map((u) => [u.haloId, u.status])).toEqual(expected.skip);
    expect(plan.failed.map((u) => u.haloId)).toEqual(expected.fail);
    expect(plan.users.map((u) => u.haloId)).toEqual([...new Set(requestedIds)]);
  });

  it('carries the display email and the normalized one, and the reasons', () => {
    const plan = planImport({ rows, requestedIds: [1, 2, 42] });
    expect(plan.users).toEqual([
      { kind: 'import', haloId: 1, name: 'Ann', email: 'Ann@Acme.example', emailNormalized: 'ann@acme.example' },
      { kind: 'skip', haloId: 2, name: 'Ben', status: 'inactive', reason: 'Inactive in HaloPSA' },
      { kind: 'fail', haloId: 42, reason: NOT_IN_GROUP },
    ]);
  });

  it('lists every importable id', () => {
    expect(importableIds(rows).sort()).toEqual([1, 4]);
  });
});
