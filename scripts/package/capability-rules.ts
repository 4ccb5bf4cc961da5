/**
 * Rules for ids, the bot and the tabs (store items 32, 33, 34, 35): what this app must declare.
 * @module
 */
import { problem, type PackageProblem } from './problem';
import type { ManifestShape } from './manifest-shape';

const WHERE = 'manifest.json';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_GUID = /^0{8}-(0{4}-){3}0{12}$/;
const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;

function checkGuid(value: string | undefined, pointer: string, what: string, variable: string): PackageProblem[] {
  const where = `${WHERE} ${pointer}`;
  if (value === undefined) return [problem(where, `the ${what} is missing`, `add it: ${variable}`)];
  if (!GUID.test(value)) return [problem(where, `the ${what} "${value}" is not a GUID`, `set ${variable} to the GUID of the registered app (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`)];
  if (NIL_GUID.test(value)) return [problem(where, `the ${what} is the empty GUID`, `run \`teamsapp provision\` or set ${variable} to the registered app's id`)];
  return [];
}

function checkCommands(bot: NonNullable<ManifestShape['bots']>[number], b: number): PackageProblem[] {
  const out: PackageProblem[] = [];
  const lists = bot.commandLists ?? [];
  if (lists.length === 0) {
    out.push(problem(`${WHERE} /bots/${b}/commandLists`, 'the bot declares no commands', 'add a commandLists entry with at least "help"'));
  }
  lists.forEach((list, l) => {
    const seen = new Set<string>();
    (list.commands ?? []).forEach((c, i) => {
      const where = `${WHERE} /bots/${b}/commandLists/${l}/commands/${i}`;
      const title = (c.title ?? '').trim();
      if (title.startsWith('/')) out.push(problem(where, `the command "${title}" starts with "/"`, 'drop the slash: Teams shows commands without one'));
      if (seen.has(title.toLowerCase())) out.push(problem(where, `the command "${title}" is listed twice`, 'list each command once per scope'));
      seen.add(title.toLowerCase());
      if ((c.description ?? '').trim() === '') out.push(problem(where, `the command "${title}" has no description`, 'describe what the command does'));
    });
  });
  return out;
}

/** Ids are real GUIDs; the bot, both tabs and SSO are declared the way this app needs them. */
export function checkCapabilities(manifest: ManifestShape): PackageProblem[] {
  const out = [...checkGuid(manifest.id, '/id', 'Teams app id', 'TEAMS_APP_ID in env/.env.<env>')];
  const bots = manifest.bots ?? [];
  if (bots.length === 0) out.push(problem(`${WHERE} /bots`, 'no bot is declared', 'declare the bot with botId ${{BOT_ID}}'));
  bots.forEach((bot, b) => {
    out.push(...checkGuid(bot.botId, `/bots/${b}/botId`, 'bot id', 'BOT_ID in env/.env.<env>'));
    const missing = BOT_SCOPES.filter((s) => !(bot.scopes ?? []).includes(s));
    if (missing.length > 0) out.push(problem(`${WHERE} /bots/${b}/scopes`, `the bot lacks the scopes ${missing.join(', ')}`, `declare the scopes ${BOT_SCOPES.join(', ')}`));
    if (bot.isNotificationOnly === true) out.push(problem(`${WHERE} /bots/${b}/isNotificationOnly`, 'the bot is marked notification-only but it is conversational', 'remove isNotificationOnly or set it to false'));
    out.push(...checkCommands(bot, b));
  });
  if (!(manifest.configurableTabs ?? []).some((t) => t.configurationUrl)) {
    out.push(problem(`${WHERE} /configurableTabs`, 'the channel tab (configurationUrl) is missing', 'declare configurableTabs with configurationUrl ${{TAB_ENDPOINT}}/tab/config'));
  }
  if (!(manifest.staticTabs ?? []).some((t) => t.contentUrl)) {
    out.push(problem(`${WHERE} /staticTabs`, 'the personal tab (contentUrl) is missing', 'declare a static tab with contentUrl ${{TAB_ENDPOINT}}/tab/'));
  }
  const sso = manifest.webApplicationInfo;
  if (sso === undefined) out.push(problem(`${WHERE} /webApplicationInfo`, 'webApplicationInfo is missing, so tab SSO cannot work', 'declare { id: ${{AAD_APP_CLIENT_ID}}, resource: api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}} }'));
  else out.push(...checkGuid(sso.id, '/webApplicationInfo/id', 'Entra app id for SSO', 'AAD_APP_CLIENT_ID in env/.env.<env>'));
  return out;
}
