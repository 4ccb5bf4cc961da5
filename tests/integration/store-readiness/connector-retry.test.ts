import { type BotApp, startBotApp } from '../../fixtures/bot/bot-app';
import { USERS, message, post, repliedCards } from '../../fixtures/bot/bot-client';
import { cardText } from '../../fixtures/bot/validate-card';
import { type Refusal, startFlakyConnector } from '../../fixtures/store/flaky-connector';

jest.setTimeout(60_000);

/**
 * Store checklist item 56: a message the bot sends outside the turn (here the 1:1 credentials
 * card after a channel request) is retried when the Bot Connector throttles or fails, and a
 * refusal that retrying cannot fix is not retried but reported.
 */
describe('store checklist: Bot Connector throttling', () => {
  let app: BotApp;
  // a fresh app each time: the 1:1 chat reference stored by one case points at its closed connector
  beforeEach(async () => {
    app = await startBotApp();
  });
  afterEach(() => app.close());

  async function channelRequestVia(refusals: Refusal[]) {
    const connector = await startFlakyConnector(refusals);
    try {
      const answer = await post(app.url, message(USERS.ada, 'import halo users to Team X', { serviceUrl: connector.url, scope: 'channel', conversationId: `19:retry-${Math.random()}@thread.tacv2` }));
      return { answer, posts: [...connector.posts] };
    } finally {
      await connector.close();
    }
  }

  it.each([
    ['429 with Retry-After', [{ status: 429, retryAfterSeconds: 1 }]],
    ['502', [{ status: 502 }]],
    ['504', [{ status: 504 }]],
    ['two 503s', [{ status: 503 }, { status: 503 }]],
    ['412', [{ status: 412 }]],
    ['429 without Retry-After', [{ status: 429 }]],
  ])('store#56 retries a send answered %s, then delivers it', async (_case, refusals) => {
    const { answer, posts } = await channelRequestVia(refusals);
    expect(posts.map((p) => p.status)).toEqual([...refusals.map((r) => r.status), 200]);
    expect(cardText(repliedCards(answer)[0])).toMatch(/I’ll continue in our 1:1 chat/);
  });

  it('store#56 waits longer before each retry (exponential back-off)', async () => {
    const { posts } = await channelRequestVia([{ status: 502 }, { status: 502 }, { status: 502 }]);
    const gaps = posts.slice(1).map((p, i) => p.at - posts[i]!.at);
    expect(gaps).toHaveLength(3);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
  });

  it('store#56 does not retry a 400: the form is tried once and the failure is reported in the 1:1 chat', async () => {
    const { posts } = await channelRequestVia([{ status: 400 }]);
    const forms = posts.filter((p) => p.body.includes('clientSecret'));
    expect(forms.map((p) => p.status)).toEqual([400]);
    // the turn error handler reports it where the form should have gone, instead of swallowing it
    expect(posts.filter((p) => !p.body.includes('clientSecret')).map((p) => p.status)).toEqual([200]);
  });
});
