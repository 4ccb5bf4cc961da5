import type { Logger } from '../../src/logging';
import type { Clock, HaloImportService, Principal } from '../../src/service';
import type { AdaptiveCard } from '../cards';

/** Where the conversation happens: credentials are only ever handled in `personal`. */
export type ConversationScope = 'personal' | 'channel' | 'groupChat';

/** Replaces the card an action came from, after the turn has ended. */
export type CardUpdater = (card: AdaptiveCard) => Promise<void>;

/**
 * Everything a journey step may use: the service, and the few Teams effects a step needs,
 * behind functions so steps stay free of botbuilder and unit tests fake them by hand.
 */
export interface JourneyContext {
  readonly service: HaloImportService;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly scope: ConversationScope;
  readonly progressAfterMs: number;
  readonly progressEveryMs: number;
  /** the caller as the store knows them (AppError `unknown_caller` otherwise) */
  principal(): Promise<Principal>;
  /** the caller, who must be a reseller admin (AppError `reseller_admin_only` otherwise) */
  admin(): Promise<Principal>;
  /** shows the typing indicator before slow HaloPSA calls (message turns only) */
  typing(): Promise<void>;
  /** sends a card to the caller's 1:1 chat; false when that chat cannot be reached */
  continueInPersonal(card: AdaptiveCard): Promise<boolean>;
  /** sends a card to another admin's 1:1 chat; false when they never chatted with the bot */
  sendToAdmin(admin: Principal, card: AdaptiveCard): Promise<boolean>;
  /** an updater of this action's card, or undefined when the card cannot be updated later */
  laterUpdater(): CardUpdater | undefined;
}
