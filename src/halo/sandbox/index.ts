/**
 * The HaloPSA sandbox (spec §7): a real HTTP server speaking Halo's protocol with seeded
 * customers and switchable faults, for the demo, the tests and the benchmarks.
 * @module
 */
export {
  startHaloSandbox,
  type HaloSandbox,
  type HaloSandboxOptions,
  type SandboxStats,
} from './sandbox-server';
export type { FaultControl, FaultScope, IdStyle } from './faults';
export {
  createSandboxData,
  SANDBOX_CREDENTIALS,
  SANDBOX_GROUPS,
  type SandboxClient,
  type SandboxData,
  type SandboxUser,
} from './sandbox-data';
