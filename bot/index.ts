/**
 * The bot: `registerBot(server, deps)` mounts `POST /api/messages` (CloudAdapter) with a
 * thin Teams shell over the shared service.
 * @module
 */
import restify from 'restify';
import type { BotDeps, BotOptions } from './bot-deps';
import { createBotAdapter } from './adapter';
import { createConversationStore, createMessenger } from './conversations';
import { HaloBot } from './halo-bot';

export type { BotDeps, BotOptions } from './bot-deps';
export { HaloBot } from './halo-bot';

/** Bot Framework activities are small; a larger body is refused before parsing. */
const MAX_ACTIVITY_BYTES = 256 * 1024;

/**
 * Mounts the bot endpoint on the server. Returns the adapter (for proactive messages) and bot.
 * @example registerBot(server, { config, service, logger, kv: store.kv, clock: Date.now });
 */
export function registerBot(
  server: restify.Server,
  deps: BotDeps,
  options: BotOptions = {},
): { adapter: ReturnType<typeof createBotAdapter>; bot: HaloBot } {
  const adapter = createBotAdapter(deps.config.bot, deps.logger);
  const bot = new HaloBot({
    deps,
    conversations: createConversationStore(deps.kv, deps.clock),
    messenger: createMessenger(adapter, deps.config.bot.id),
    progressAfterMs: options.progressAfterMs ?? 3000,
    progressEveryMs: options.progressEveryMs ?? 1500,
  });
  server.post(
    '/api/messages',
    // the body reader skips a body another middleware already read (restify's _readBody flag)
    restify.plugins.jsonBodyParser({ maxBodySize: MAX_ACTIVITY_BYTES } as Parameters<typeof restify.plugins.jsonBodyParser>[0]),
    async (req: restify.Request, res: restify.Response) => {
      await adapter.process(req, res, (ctx) => bot.run(ctx));
    },
  );
  return { adapter, bot };
}
