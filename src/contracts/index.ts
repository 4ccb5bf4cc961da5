/**
 * Shared contracts: the zod schemas and types that the API, the bot and the tab all use,
 * so the three cannot drift apart. No I/O and no framework imports here.
 * @module
 */
export * from './eligibility';
export * from './halo';
export * from './api';
