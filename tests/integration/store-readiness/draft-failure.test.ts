import { draftStateCard } from '../../../bot/journey';
import type { JourneyContext } from '../../../bot/journey/journey-context';
import type { Principal } from '../../../src/service';
import { draftOf } from '../../fixtures/bot/bot-fixtures';
import { cardProblems, cardText, executeActions } from '../../fixtures/bot/validate-card';

/** Store checklist item 1: a pending draft whose approval failed says why, with Approve still there. */
const ada: Principal = {
  adminId: 'admin-ada',
  entraTenantId: 'a1b2c3d4-0000-4000-8000-000000000001',
  entraObjectId: '11111111-1111-4111-8111-111111111111',
  name: 'Ada Admin',
  role: 'reseller_admin',
  resellerId: 'contoso-msp',
  resellerName: 'Contoso MSP',
  teamId: null,
};
// a pending draft needs nothing from the turn: any use of the context is a bug
const unused = new Proxy({}, { get: (_t, key) => { throw new Error(`unexpected use of ${String(key)}`); } }) as JourneyContext;

describe('store checklist: a failed approval is never silent', () => {
  it.each([
    ['the last failure', { lastFailure: { importId: 'imp-1', reason: 'The database was unavailable; nothing was imported.', at: '2026-12-03T16:00:00.000Z' } }, undefined, /The last approval failed: The database was unavailable; nothing was imported\./],
    ['an error of this turn over the last failure', { lastFailure: { importId: 'imp-1', reason: 'old reason', at: '2026-12-03T16:00:00.000Z' } }, 'Team X is full.', /Team X is full\./],
  ] as const)('store#1 a pending draft shows %s on its approval card', async (_case, overrides, error, shows) => {
    const card = await draftStateCard(unused, ada, draftOf(overrides), error);
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toMatch(shows);
    expect(executeActions(card).map((a) => a.verb)).toContain('halo.approveImport');
  });

  it('store#1 a pending draft without a failure shows no error', async () => {
    expect(cardText(await draftStateCard(unused, ada, draftOf({ lastFailure: null })))).not.toMatch(/last approval failed/);
  });
});
