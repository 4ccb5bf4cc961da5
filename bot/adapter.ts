import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../src/config';
import { toAppError } from '../src/errors';
import type { Logger } from '../src/logging';
import { CARD_CONTENT_TYPE, errorCard } from './cards';
import { cardActivity } from './turn-context';

/**
 * A CloudAdapter with Bot Framework auth from `config.bot`. An empty BOT_ID disables auth
 * (Agents Playground, tests); the config loader refuses that in production.
 */
export function createBotAdapter(bot: Config['bot'], logger: Logger): CloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: bot.id,
    MicrosoftAppPassword: bot.password,
    // with no app id, auth is off and botbuilder only accepts the (default) multi-tenant type
    MicrosoftAppType: bot.id === '' ? 'MultiTenant' : bot.type,
    MicrosoftAppTenantId: bot.tenantId,
  });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, credentials));
  adapter.onTurnError = (ctx, error) => onTurnError(ctx, error, logger);
  return adapter;
}

/** Logs (code and detail only: never the activity, which may carry a secret) and answers. */
async function onTurnError(ctx: TurnContext, thrown: unknown, logger: Logger): Promise<void> {
  const error = toAppError(thrown);
  logger.error('bot turn failed', { code: error.code, detail: error.detail, activityType: ctx.activity.type });
  const card = errorCard({ code: error.code, message: error.message });
  try {
    if (ctx.activity.type === 'invoke') {
      await ctx.sendActivity({
        type: 'invokeResponse',
        value: { status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: card } },
      });
    } else {
      await ctx.sendActivity(cardActivity(card));
    }
  } catch (sendError) {
    logger.error('bot could not send the error card', { error: toAppError(sendError).detail });
  }
}
