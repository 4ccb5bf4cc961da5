import { z } from 'zod';
import { isAppError } from '../../src/errors';
import type { KeyValueStore } from '../../src/store';

const NS_REFERENCE = 'bot.personal-conversation';
const NS_WELCOMED = 'bot.welcomed';

/** The parts of a Bot Framework conversation reference needed to message a user later. */
export const conversationReferenceSchema = z.object({
  channelId: z.string(),
  serviceUrl: z.string(),
  conversation: z.looseObject({ id: z.string() }),
  bot: z.looseObject({ id: z.string() }).optional(),
  user: z.looseObject({ id: z.string() }).optional(),
  locale: z.string().optional(),
});
export type StoredReference = z.infer<typeof conversationReferenceSchema>;

/** Who a personal chat belongs to: the Entra identity, as the service knows callers. */
export interface UserKey {
  readonly entraTenantId: string;
  readonly entraObjectId: string;
}

export const keyOf = (u: UserKey) => `${u.entraTenantId}/${u.entraObjectId}`;

/**
 * Personal-chat references (for proactive messages: credentials steps and second approvers)
 * and the once-only welcome flag, in the store's key-value table.
 */
export interface ConversationStore {
  savePersonal(user: UserKey, reference: StoredReference): Promise<void>;
  getPersonal(user: UserKey): Promise<StoredReference | undefined>;
  /**
   * True exactly once per key (a user's personal install, or a channel), even when two
   * instances see the install at the same time.
   */
  claimWelcome(key: string): Promise<boolean>;
}

export function createConversationStore(kv: KeyValueStore, clock: () => number): ConversationStore {
  return {
    async savePersonal(user, reference) {
      const existing = await kv.get(NS_REFERENCE, keyOf(user));
      // Skip the write when nothing changed: every personal message would otherwise write.
      if (existing && JSON.stringify(existing.value) === JSON.stringify(reference)) return;
      await kv.set(NS_REFERENCE, keyOf(user), reference);
    },
    async getPersonal(user) {
      const found = await kv.get(NS_REFERENCE, keyOf(user));
      if (!found) return undefined;
      const parsed = conversationReferenceSchema.safeParse(found.value);
      return parsed.success ? parsed.data : undefined;
    },
    async claimWelcome(key) {
      try {
        await kv.set(NS_WELCOMED, key, { at: new Date(clock()).toISOString() }, 0);
        return true;
      } catch (error) {
        if (isAppError(error) && error.code === 'conflict') return false;
        throw error;
      }
    },
  };
}
