import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretKey } from '../config';
import { AppError } from '../errors';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts and decrypts stored secrets (the HaloPSA client secret). */
export interface Vault {
  /**
   * Encrypts under the current key. `context` (e.g. the reseller id) is bound as AAD, so a
   * ciphertext copied onto another reseller's row does not decrypt.
   */
  encrypt(plaintext: string, context?: string): string;
  /** Fails with AppError `secret_undecryptable` when no known key opens it. */
  decrypt(stored: string, context?: string): string;
  /** true when the value was written under an older key (re-encrypt it on the next save). */
  needsRotation(stored: string): boolean;
  /** the id of the key new ciphertexts are written under */
  readonly currentKeyId: string;
}

/**
 * AES-256-GCM with a random 12-byte IV. Stored as `v1.<keyId>.<iv>.<tag>.<ciphertext>`
 * (base64url parts), so the key id travels with the value and rotation knows what to do.
 */
export function createVault(keys: { current: SecretKey; previous?: SecretKey | undefined }): Vault {
  const byId = new Map<string, SecretKey>([[keys.current.id, keys.current]]);
  if (keys.previous) byId.set(keys.previous.id, keys.previous);
  for (const k of byId.values()) assertKey(k);

  return {
    currentKeyId: keys.current.id,
    encrypt(plaintext, context = '') {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keys.current.key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
      return [VERSION, keys.current.id, ...parts].join('.');
    },
    decrypt(stored, context = '') {
      const parsed = parse(stored);
      const key = byId.get(parsed.keyId);
      if (!key) {
        throw undecryptable(
          `secret was written under key id ${parsed.keyId}; known key ids: ${[...byId.keys()].join(', ')}`,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.key, parsed.iv);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(parsed.tag);
        return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString('utf8');
      } catch (cause) {
        // GCM authentication failed: wrong key bytes under a known id, tampering, or another context
        throw undecryptable(`authentication failed under key id ${parsed.keyId}`, cause);
      }
    },
    needsRotation(stored) {
      return parse(stored).keyId !== keys.current.id;
    },
  };
}

function parse(stored: string): { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = stored.split('.');
  const [version, keyId, iv, tag, ciphertext] = parts;
  if (parts.length !== 5 || version !== VERSION || !keyId || !iv || !tag || ciphertext === undefined) {
    throw undecryptable(`stored secret is not in the ${VERSION} format (${parts.length} parts)`);
  }
  const decoded = {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
  if (decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) {
    throw undecryptable(`stored secret under key id ${keyId} has a malformed IV or tag`);
  }
  return decoded;
}

function assertKey(k: SecretKey): void {
  if (k.key.length !== 32) {
    throw new AppError('config_invalid', {
      message: 'A secret key must be exactly 32 bytes (base64 of 32 random bytes).',
      detail: `key id ${k.id} has ${k.key.length} bytes`,
    });
  }
}

function undecryptable(detail: string, cause?: unknown): AppError {
  return new AppError('secret_undecryptable', { detail, cause });
}
