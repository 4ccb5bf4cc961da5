/**
 * The import core: eligibility (pure) -> plan (pure) -> execute (recorded, then one transaction,
 * idempotent) -> recovery of imports a dead process left running.
 * @module
 */
export { isValidEmail, normalizeEmail } from './email';
export {
  computeEligibility,
  emptyCounts,
  lookupEmails,
  reasons,
  type EligibilityInput,
  type EligibilityResult,
} from './eligibility';
export { importableIds, NOT_IN_GROUP, planImport, type ImportPlan, type PlannedUser } from './plan-import';
export {
  executeImport,
  teamFullError,
  type ExecuteImportOptions,
  type ExecuteImportRequest,
} from './execute-import';
export { importRequestHash } from './request-hash';
export {
  DEFAULT_IMPORT_LEASE_MS,
  INTERRUPTED_REASON,
  recoverImports,
  startImportRecovery,
  type ImportRecovery,
  type RecoverImportsOptions,
} from './recover-imports';
