/**
 * The import core: eligibility (pure) -> plan (pure) -> execute (one transaction, idempotent).
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
