/**
 * Every `Action.Execute` verb the bot understands. The halo.* names of spec §5 are a contract
 * with tests and other clients; the rest are this bot's own steps.
 * @module
 */
export const VERBS = {
  chooseTeam: 'halo.chooseTeam',
  saveCredentials: 'halo.saveCredentials',
  changeCredentials: 'halo.changeCredentials',
  loadUsers: 'halo.loadUsers',
  page: 'halo.page',
  requestImport: 'halo.requestImport',
  approveImport: 'halo.approveImport',
  cancelImport: 'halo.cancelImport',
  refreshDraft: 'halo.refreshDraft',
  disconnect: 'halo.disconnect',
  confirmDisconnect: 'halo.confirmDisconnect',
  keepConnection: 'halo.keepConnection',
  status: 'halo.status',
  help: 'halo.help',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

export const ALL_VERBS: readonly Verb[] = Object.values(VERBS);

/** Input ids of spec §5 (tests and the playground drive the bot with these). */
export const INPUTS = {
  teamId: 'teamId',
  tenantId: 'tenantId',
  clientId: 'clientId',
  clientSecret: 'clientSecret',
  baseUrl: 'baseUrl',
  groupId: 'groupId',
  userIds: 'userIds',
} as const;
