import {
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
  TurnContext as Turn,
} from 'botbuilder';
import type { StoredReference } from './conversation-store';

/** Bot Framework's audience for messages to Teams and the other public channels. */
const CHANNEL_AUDIENCE = 'https://api.botframework.com';

/**
 * Messages outside the current turn: the Teams-specific calls, behind an interface so unit
 * tests fake the connector and integration tests point `serviceUrl` at a recording server.
 */
export interface Messenger {
  /** posts into a stored conversation; returns the new message id */
  send(reference: StoredReference, activity: Partial<Activity>): Promise<string | undefined>;
  /** replaces a message the bot sent earlier (progress and result cards) */
  update(reference: StoredReference, activityId: string, activity: Partial<Activity>): Promise<void>;
  /** creates the 1:1 chat with the sender of this turn (Teams returns the existing one) */
  openPersonal(context: TurnContext): Promise<StoredReference>;
}

/** The reference of the conversation of this turn, in the stored shape. */
export function referenceOf(activity: Partial<Activity>): StoredReference {
  const ref = Turn.getConversationReference(activity);
  return {
    channelId: ref.channelId ?? 'msteams',
    serviceUrl: ref.serviceUrl ?? '',
    conversation: { ...ref.conversation, id: ref.conversation?.id ?? '' },
    ...(ref.bot ? { bot: { ...ref.bot } } : {}),
    ...(ref.user ? { user: { ...ref.user } } : {}),
    ...(ref.locale ? { locale: ref.locale } : {}),
  };
}

/** How proactive sends back off when Teams throttles them (defaults: 4 retries from 250 ms). */
export interface RetryOptions {
  readonly retries?: number;
  readonly baseDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/**
 * Statuses Teams asks bots to retry (learn: bots/how-to/rate-limit). The connector's own pipeline
 * already retries 429 with Retry-After and 5xx; 412 and a 429 without Retry-After reach us.
 */
const RETRYABLE = new Set([412, 429, 502, 503, 504]);

function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } } | null;
  const s = e?.statusCode ?? e?.status ?? e?.response?.status;
  return typeof s === 'number' ? s : undefined;
}

/** Runs `send` again on a retryable status, waiting base·2^n plus jitter in between. */
async function withBackoff<T>(send: () => Promise<T>, options: RetryOptions): Promise<T> {
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 250;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      const status = statusOf(error);
      if (attempt >= retries || status === undefined || !RETRYABLE.has(status)) throw error;
      await sleep(base * 2 ** attempt * (1 + random()));
    }
  }
}

export function createMessenger(adapter: CloudAdapter, appId: string, retry: RetryOptions = {}): Messenger {
  return {
    async send(reference, activity) {
      let id: string | undefined;
      await adapter.continueConversationAsync(appId, asReference(reference), async (ctx) => {
        id = (await withBackoff(() => ctx.sendActivity(activity), retry))?.id;
      });
      return id;
    },
    async update(reference, activityId, activity) {
      await adapter.continueConversationAsync(appId, asReference(reference), async (ctx) => {
        await withBackoff(() => ctx.updateActivity({ ...activity, id: activityId, type: 'message', conversation: ctx.activity.conversation }), retry);
      });
    },
    async openPersonal(context) {
      const a = context.activity;
      const tenantId = tenantOf(a);
      const parameters = {
        isGroup: false,
        bot: a.recipient,
        members: [a.from],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      } as ConversationParameters;
      let created: StoredReference | undefined;
      await adapter.createConversationAsync(appId, a.channelId, a.serviceUrl, CHANNEL_AUDIENCE, parameters, async (ctx) => {
        created = {
          ...referenceOf(ctx.activity),
          bot: { ...a.recipient },
          user: { ...a.from },
          conversation: { id: ctx.activity.conversation.id, conversationType: 'personal', tenantId },
        };
      });
      return created!;
    },
  };
}

/** The stored shape was validated with zod when read; botbuilder wants its own type back. */
function asReference(stored: StoredReference): Partial<ConversationReference> {
  return stored as unknown as Partial<ConversationReference>;
}

/** Teams puts the tenant in conversation.tenantId and channelData.tenant.id. */
export function tenantOf(activity: Partial<Activity>): string {
  const fromChannel = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return activity.conversation?.tenantId ?? (typeof fromChannel === 'string' ? fromChannel : '');
}
