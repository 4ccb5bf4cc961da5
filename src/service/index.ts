/**
 * The application service the API and the bot call: authorization, HaloPSA, eligibility,
 * drafts and imports.
 * @module
 */
export type * from './service.types';
export type * from './ports';
export { createHaloImportService } from './halo-import-service';
export type { HaloImportServiceDeps } from './service-context';
export { draftAttemptKey, draftImportKey } from './drafts';
