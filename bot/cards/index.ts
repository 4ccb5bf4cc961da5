/**
 * Pure Adaptive Card builders: view model in, card JSON out (Adaptive Cards 1.5,
 * `Action.Execute` with an `Action.Submit` fallback, full width, wrapping text).
 * @module
 */
export * from './card-kit';
export * from './verbs';
export * from './info-cards';
export * from './setup-cards';
export * from './users-card';
export * from './draft-cards';
export * from './error-card';
