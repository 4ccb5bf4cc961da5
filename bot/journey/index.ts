export type { CardUpdater, ConversationScope, JourneyContext } from './journey-context';
export { startImport, chooseTeam, teamStep, changeCredentials, saveCredentials } from './setup-steps';
export { showUsers, requestImport } from './users-steps';
export { approveImport, cancelImport, refreshDraft, draftStateCard, notifyOtherApprovers } from './draft-steps';
export { showStatus, askDisconnect, confirmDisconnect, keepConnection } from './info-steps';
