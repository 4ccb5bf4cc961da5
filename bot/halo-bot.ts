import {
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import { type AdaptiveCard, CARD_CONTENT_TYPE, VERBS, helpCard, welcomeCard } from './cards';
import { parseCommand } from './commands';
import { keyOf, referenceOf } from './conversations';
import { askDisconnect, showStatus, startImport } from './journey';
import { type BotRuntime, callerOf, cardActivity, createJourneyContext, scopeOf } from './turn-context';
import { guardStep, isVerb, runVerb } from './verbs';

/**
 * The Teams shell: parses what arrives, hands it to one journey step or verb, sends back one
 * card. Holds nothing in memory between turns.
 */
export class HaloBot extends TeamsActivityHandler {
  constructor(private readonly rt: BotRuntime) {
    super();
    this.onMessage(async (ctx, next) => {
      await this.rememberPersonalChat(ctx);
      await this.handleMessage(ctx);
      await next();
    });
    this.onInstallationUpdateAdd(async (ctx, next) => {
      await this.welcome(ctx);
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      if (ctx.activity.membersAdded?.some((m) => m.id === ctx.activity.recipient.id)) await this.welcome(ctx);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    ctx: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const verb = value.action.verb;
    if (!isVerb(verb)) {
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: `Unknown action "${String(verb).slice(0, 60)}". Type “help” to start again.` },
      };
    }
    await this.rememberPersonalChat(ctx);
    const card = await runVerb(createJourneyContext(ctx, this.rt), verb, value.action.data);
    return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> };
  }

  private async handleMessage(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const submitted = submitValue(a.value);
    if (submitted && !(a.text ?? '').trim()) {
      const card = isVerb(submitted.verb)
        ? await runVerb(createJourneyContext(ctx, this.rt), submitted.verb, submitted.data)
        : helpCard();
      await this.replaceCard(ctx, card);
      return;
    }
    const text = TurnContext.removeRecipientMention(a) ?? a.text ?? '';
    const command = parseCommand(text);
    const t = createJourneyContext(ctx, this.rt);
    let card: AdaptiveCard;
    switch (command.kind) {
      case 'help':
        card = helpCard();
        break;
      case 'unknown':
        card = helpCard({ notUnderstood: command.text });
        break;
      case 'status':
        card = await guardStep(t, { verb: VERBS.status, data: {} }, () => showStatus(t));
        break;
      case 'disconnect':
        card = await guardStep(t, { verb: VERBS.disconnect, data: {} }, () => askDisconnect(t));
        break;
      case 'import':
        card = await guardStep(t, { verb: VERBS.chooseTeam, data: {} }, () => startImport(t, command.team));
        break;
    }
    await ctx.sendActivity(cardActivity(card));
  }

  /** Action.Submit (clients without Universal Actions): update the card in place when possible. */
  private async replaceCard(ctx: TurnContext, card: AdaptiveCard): Promise<void> {
    const id = ctx.activity.replyToId;
    if (id) {
      try {
        await ctx.updateActivity({ ...cardActivity(card), id });
        return;
      } catch (error) {
        this.rt.deps.logger.warn('bot could not update the card in place; sending a new one', { error });
      }
    }
    await ctx.sendActivity(cardActivity(card));
  }

  /** Once per personal install (per user), once per channel or group chat, never more. */
  private async welcome(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const personal = scopeOf(a) === 'personal';
    const caller = callerOf(a);
    if (personal && !caller.entraObjectId) return;
    await this.rememberPersonalChat(ctx);
    const key = personal ? `user:${keyOf(caller)}` : `conversation:${a.conversation.id}`;
    if (!(await this.rt.conversations.claimWelcome(key))) return;
    if (personal) {
      await ctx.sendActivity(cardActivity(welcomeCard()));
    } else {
      await ctx.sendActivity(channelWelcome(a.from));
    }
  }

  /** Keeps the personal chat's reference, for proactive messages later (store, not memory). */
  private async rememberPersonalChat(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const caller = callerOf(a);
    if (scopeOf(a) !== 'personal' || !caller.entraObjectId || !caller.entraTenantId || !a.serviceUrl) return;
    try {
      await this.rt.conversations.savePersonal(caller, referenceOf(a));
    } catch (error) {
      this.rt.deps.logger.warn('bot could not store the conversation reference', { error });
    }
  }
}

/**
 * One welcome in the channel or group chat, @mentioning whoever installed the bot (the
 * activity's sender) so they know the one-time setup is theirs to do.
 */
export function channelWelcome(installer: { id: string; name?: string } | undefined): Partial<Activity> {
  const body =
    'I bring a customer’s HaloPSA users into their BrainStation Team. One-time setup: a reseller admin connects HaloPSA in a 1:1 chat with me (credentials are never asked for here). Then @mention me with “import halo users to <Team>” and I post an approval card here for the other admins. @mention me with “help” for all commands.';
  if (!installer?.id) return { type: 'message', text: `Hi, I’m Halo Import. ${body}` };
  const name = installer.name?.trim().replace(/[<>]/g, '') || 'there';
  const tag = `<at>${name}</at>`;
  return {
    type: 'message',
    text: `Hi, I’m Halo Import, thanks for adding me ${tag}. ${body}`,
    entities: [{ type: 'mention', text: tag, mentioned: { id: installer.id, name } }],
  };
}

function submitValue(value: unknown): { verb: unknown; data: Record<string, unknown> } | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { verb, ...data } = value as Record<string, unknown>;
  return { verb, data };
}
