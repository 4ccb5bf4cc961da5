import type { HaloGroup, TeamSummary } from '../../src/contracts';
import {
  type AdaptiveCard,
  type CardElement,
  breadcrumbs,
  card,
  escapeMarkdown,
  execute,
  heading,
  notice,
  text,
} from './card-kit';
import { INPUTS, VERBS } from './verbs';

function teamTitle(t: TeamSummary): string {
  const limit = t.maxUsers === null ? '' : ` of ${t.maxUsers}`;
  return `${t.name} (${t.memberCount}${limit} users)`;
}

/** No team name, several matches or none: pick the Team (input `teamId`). */
export function chooseTeamCard(input: {
  readonly resellerName: string;
  readonly teams: readonly TeamSummary[];
  /** what the user typed, when it matched several Teams or none */
  readonly query?: string;
  readonly outcome: 'none_given' | 'several' | 'no_match';
}): AdaptiveCard {
  const body: CardElement[] = [breadcrumbs([input.resellerName]), heading('Which Team should receive the users?')];
  if (input.outcome === 'several' && input.query) {
    body.push(notice(`Several Teams match “${input.query}”. Choose one:`, 'info'));
  }
  if (input.outcome === 'no_match' && input.query) {
    body.push(
      notice(
        `No Team matches “${input.query}”. Your Teams: ${input.teams.map((t) => t.name).join(', ') || '(none)'}.`,
      ),
    );
  }
  if (input.teams.length === 0) {
    body.push(text('Your reseller has no Teams yet, so there is nowhere to import to. Ask BrainStation support to create one.'));
    return card(body, [execute(VERBS.help, 'Help')]);
  }
  body.push({
    type: 'Input.ChoiceSet',
    id: INPUTS.teamId,
    label: 'Team',
    style: 'filtered',
    isRequired: true,
    errorMessage: 'Choose a Team.',
    choices: input.teams.map((t) => ({ title: teamTitle(t), value: t.id })),
    ...(input.teams.length === 1 ? { value: input.teams[0]!.id } : {}),
    wrap: true,
  });
  return card(body, [execute(VERBS.chooseTeam, 'Continue')]);
}

/**
 * Asks for the HaloPSA credentials (1:1 chat only). The secret is never prefilled; the other
 * fields may be, after a failed attempt or on "Change credentials".
 */
export function credentialsCard(input: {
  readonly resellerName: string;
  /** the Team the journey continues with after saving, if any */
  readonly team?: { readonly id: string; readonly name: string };
  readonly prefill?: { readonly tenantId?: string | null; readonly clientId?: string | null; readonly baseUrl?: string | null };
  readonly error?: string;
  readonly replacing?: boolean;
  /** why this card arrived here, when a channel or group chat asked for it */
  readonly intro?: string;
}): AdaptiveCard {
  const p = input.prefill ?? {};
  const body: CardElement[] = [
    ...(input.intro ? [notice(input.intro, 'info')] : []),
    breadcrumbs(input.team ? [input.resellerName, input.team.name] : [input.resellerName]),
    heading(input.replacing ? 'Change the HaloPSA credentials' : 'Connect HaloPSA'),
  ];
  if (input.error) body.push(notice(input.error));
  body.push(
    text(
      'Create an API application in HaloPSA (Configuration › Integrations › HaloPSA API › Applications) with authentication “Client ID and Secret (Services)” and the “read:customers” permission, then copy its details here. They are stored encrypted and only used to read customers and users.',
      { isSubtle: true },
    ),
    {
      type: 'Input.Text',
      id: INPUTS.tenantId,
      label: 'Tenant ID (the “yourcompany” of yourcompany.halopsa.com)',
      ...(p.tenantId ? { value: p.tenantId } : {}),
    },
    {
      type: 'Input.Text',
      id: INPUTS.clientId,
      label: 'Client ID',
      isRequired: true,
      errorMessage: 'The Client ID is required.',
      ...(p.clientId ? { value: p.clientId } : {}),
    },
    {
      type: 'Input.Text',
      id: INPUTS.clientSecret,
      label: 'Client Secret',
      style: 'Password',
      isRequired: true,
      errorMessage: 'The Client Secret is required.',
    },
    {
      type: 'Input.Text',
      id: INPUTS.baseUrl,
      label: 'HaloPSA Base URL, only for a custom domain',
      placeholder: 'https://support.example.com',
      style: 'Url',
      ...(p.baseUrl ? { value: p.baseUrl } : {}),
    },
  );
  return card(body, [
    execute(VERBS.saveCredentials, input.replacing ? 'Verify and replace' : 'Verify and save', { teamId: input.team?.id }),
  ]);
}

/** Pick the HaloPSA customer (a Halo Client) whose users to import. */
export function groupsCard(input: {
  readonly resellerName: string;
  readonly team: { readonly id: string; readonly name: string };
  readonly tenantLabel: string;
  readonly groups: readonly HaloGroup[];
  readonly error?: string;
}): AdaptiveCard {
  const body: CardElement[] = [
    breadcrumbs([input.resellerName, input.team.name]),
    heading(`Import HaloPSA users into ${escapeMarkdown(input.team.name)}`),
    text(`Using stored HaloPSA credentials for tenant ${escapeMarkdown(input.tenantLabel)}.`, { isSubtle: true }),
  ];
  if (input.error) body.push(notice(input.error));
  const changeCredentials = execute(VERBS.changeCredentials, 'Change credentials', { teamId: input.team.id });
  if (input.groups.length === 0) {
    body.push(text('HaloPSA has no customers for these credentials. Check the API application can read customers.'));
    return card(body, [changeCredentials]);
  }
  body.push({
    type: 'Input.ChoiceSet',
    id: INPUTS.groupId,
    label: 'HaloPSA customer',
    style: 'filtered',
    isRequired: true,
    errorMessage: 'Choose a HaloPSA customer.',
    choices: input.groups.map((g) => ({ title: g.name, value: String(g.id) })),
    wrap: true,
  });
  return card(body, [execute(VERBS.loadUsers, 'Show users', { teamId: input.team.id }), changeCredentials]);
}
