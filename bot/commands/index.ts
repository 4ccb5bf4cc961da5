export { parseCommand, type Command } from './parse-command';
export { resolveTeam, type TeamResolution } from './resolve-team';
