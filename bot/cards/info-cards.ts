import type { ConnectionView, ImportRecord } from '../../src/contracts';
import { type AdaptiveCard, card, escapeMarkdown, execute, facts, formatTime, heading, notice, text } from './card-kit';
import { VERBS } from './verbs';

/** The app's short name, as in the manifest. */
export const APP_NAME = 'Halo Import';

const COMMANDS: readonly (readonly [string, string])[] = [
  ['import halo users to <Team>', 'pick a HaloPSA customer and import its users into that Team'],
  ['status', 'is HaloPSA connected, for which tenant, and the last imports'],
  ['disconnect halo', 'remove the stored HaloPSA credentials (asks first)'],
  ['help', 'this list'],
];

function commandFacts() {
  return facts(COMMANDS.map(([c, what]) => [c, what]));
}

function startActions() {
  return [execute(VERBS.chooseTeam, 'Import users'), execute(VERBS.status, 'Status')];
}

/** Sent once when the app is installed in a personal chat. */
export function welcomeCard(): AdaptiveCard {
  return card(
    [
      heading(`Welcome to ${APP_NAME}`),
      text(
        'I bring a customer’s HaloPSA users into their BrainStation Team, without leaving Microsoft Teams. Nothing changes in HaloPSA.',
      ),
      text(
        'To start, a reseller admin connects HaloPSA once with an API application’s Tenant ID, Client ID and Client Secret (HaloPSA › Configuration › Integrations › HaloPSA API). I ask for them here, in our 1:1 chat, never in a channel.',
      ),
      text('What you can type:', { weight: 'Bolder' }),
      commandFacts(),
      text('In a channel, @mention me first. Only reseller admins can import; client admins can see their Team’s members in the tab.', {
        isSubtle: true,
      }),
    ],
    startActions(),
  );
}

/** `help`, `hi`, and the way forward from any input the bot does not understand. */
export function helpCard(options: { readonly notUnderstood?: string } = {}): AdaptiveCard {
  const intro = options.notUnderstood
    ? [notice(`I didn’t understand “${options.notUnderstood.slice(0, 100)}”. Here is what I can do:`, 'info')]
    : [heading(`${APP_NAME}: what I can do`)];
  return card(
    [
      ...intro,
      commandFacts(),
      text('Example: import halo users to Team X', { isSubtle: true }),
      text('First time? A reseller admin connects HaloPSA once; I ask for the credentials in our 1:1 chat.', { isSubtle: true }),
    ],
    startActions(),
  );
}

/** Shown in a channel or group chat when the next step needs credentials. */
export function continueInPersonalCard(options: { readonly sent: boolean }): AdaptiveCard {
  return card([
    text(
      options.sent
        ? 'HaloPSA credentials are only entered in private. I’ll continue in our 1:1 chat.'
        : 'HaloPSA credentials are only entered in private. Open a 1:1 chat with me and type “import halo users to <Team>” there.',
    ),
  ]);
}

/** What `status` answers. */
export function statusCard(input: {
  readonly resellerName: string;
  readonly connection: ConnectionView;
  readonly recentImports: readonly (ImportRecord & { readonly teamName: string })[];
}): AdaptiveCard {
  const c = input.connection;
  const connection = c.configured
    ? facts([
        ['HaloPSA', 'connected'],
        ['Tenant', c.tenantId || '(none: Base URL only)'],
        ['Client ID', c.clientId ?? ''],
        ...(c.baseUrl ? ([['Base URL', c.baseUrl]] as [string, string][]) : []),
        ['Saved', `${formatTime(c.updatedAt)}${c.updatedBy ? ` by ${c.updatedBy}` : ''}`],
      ])
    : text('HaloPSA is not connected yet. Type “import halo users to <Team>” and I’ll ask for the credentials in our 1:1 chat.');
  const imports =
    input.recentImports.length === 0
      ? [text('No imports yet.', { isSubtle: true })]
      : input.recentImports.map((i) =>
          text(
            `${formatTime(i.createdAt)} · ${escapeMarkdown(i.teamName)}: ${i.imported.length} imported, ${i.skipped.length} skipped, ${i.failed.length} failed`,
          ),
        );
  return card(
    [heading(`Status for ${escapeMarkdown(input.resellerName)}`), connection, text('Last imports', { weight: 'Bolder' }), ...imports],
    c.configured
      ? [execute(VERBS.chooseTeam, 'Import users'), execute(VERBS.changeCredentials, 'Change credentials'), execute(VERBS.disconnect, 'Disconnect HaloPSA')]
      : [execute(VERBS.chooseTeam, 'Import users')],
  );
}

/** `disconnect halo`: asks before removing anything. */
export function disconnectConfirmCard(connection: ConnectionView): AdaptiveCard {
  if (!connection.configured) {
    return card([text('No HaloPSA connection is stored, so there is nothing to disconnect.')], [execute(VERBS.help, 'Help')]);
  }
  return card(
    [
      heading('Disconnect HaloPSA?'),
      text(
        `This removes the stored credentials for tenant ${escapeMarkdown(connection.tenantId || connection.baseUrl || '')}. Users already imported stay in their Teams. You can connect again at any time.`,
      ),
    ],
    [execute(VERBS.confirmDisconnect, 'Disconnect', {}, 'destructive'), execute(VERBS.keepConnection, 'Keep it')],
  );
}

export function disconnectedCard(): AdaptiveCard {
  return card(
    [text('HaloPSA is disconnected: the stored credentials are deleted. Type “import halo users to <Team>” to connect again.')],
    [execute(VERBS.help, 'Help')],
  );
}

export function keptConnectionCard(): AdaptiveCard {
  return card([text('Nothing changed: HaloPSA stays connected.')], [execute(VERBS.chooseTeam, 'Import users')]);
}
