/**
 * Encryption of stored secrets: AES-256-GCM with key ids for rotation.
 * @module
 */
export { createVault, type Vault } from './vault';
