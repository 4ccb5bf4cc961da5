export type { Config, DatabaseConfig, SecretKey } from './config.types';
export { loadConfig, keyId, type LoadConfigOptions } from './load-config';
export { readOrCreateDevKey } from './dev-key';
export { envBoolean } from './env-parsers';
export { projectRoot } from './project-root';
