import { type Activity, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { AppError } from '../src/errors';
import type { Caller, Principal } from '../src/service';
import type { BotDeps } from './bot-deps';
import type { AdaptiveCard } from './cards';
import { type ConversationStore, type Messenger, referenceOf, tenantOf } from './conversations';
import type { ConversationScope, JourneyContext } from './journey';

/** The long-lived collaborators of the bot (no per-conversation state in memory). */
export interface BotRuntime {
  readonly deps: BotDeps;
  readonly conversations: ConversationStore;
  readonly messenger: Messenger;
  readonly progressAfterMs: number;
  readonly progressEveryMs: number;
}

/** A message carrying one Adaptive Card. */
export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

export function scopeOf(activity: Partial<Activity>): ConversationScope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  if (type === 'personal') return 'personal';
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

/** Who sent the activity, as the service identifies callers. */
export function callerOf(activity: Partial<Activity>): Caller {
  return { entraTenantId: tenantOf(activity), entraObjectId: activity.from?.aadObjectId ?? '' };
}

/** Binds the journey steps to this turn: the caller, the scope and the Teams effects. */
export function createJourneyContext(turn: TurnContext, rt: BotRuntime): JourneyContext {
  const a = turn.activity;
  const caller = callerOf(a);
  const { service, logger, clock } = rt.deps;
  let principal: Promise<Principal> | undefined;
  const resolve = () => {
    if (!caller.entraObjectId || !caller.entraTenantId) {
      return Promise.reject(new AppError('unknown_caller', { detail: 'activity without aadObjectId or tenant' }));
    }
    return (principal ??= service.resolveCaller(caller));
  };
  return {
    service,
    logger,
    clock,
    scope: scopeOf(a),
    progressAfterMs: rt.progressAfterMs,
    progressEveryMs: rt.progressEveryMs,
    principal: resolve,
    async admin() {
      const p = await resolve();
      if (p.role !== 'reseller_admin') throw new AppError('reseller_admin_only');
      return p;
    },
    async typing() {
      if (a.type === 'message') await turn.sendActivity({ type: 'typing' });
    },
    async continueInPersonal(card) {
      try {
        let ref = await rt.conversations.getPersonal(caller);
        if (!ref) {
          ref = await rt.messenger.openPersonal(turn);
          await rt.conversations.savePersonal(caller, ref);
        }
        await rt.messenger.send(ref, cardActivity(card));
        return true;
      } catch (error) {
        logger.warn('bot could not reach the 1:1 chat', { error });
        return false;
      }
    },
    async sendToAdmin(admin, card) {
      const ref = await rt.conversations.getPersonal({ entraTenantId: admin.entraTenantId, entraObjectId: admin.entraObjectId });
      if (!ref) return false;
      try {
        await rt.messenger.send(ref, cardActivity(card));
        return true;
      } catch (error) {
        logger.warn('bot could not reach an approver', { adminId: admin.adminId, error });
        return false;
      }
    },
    laterUpdater() {
      const id = a.replyToId;
      if (!id) return undefined;
      const ref = referenceOf(a);
      return (card) => rt.messenger.update(ref, id, cardActivity(card));
    },
  };
}
