import { keyId } from '../../../src/config';
import { isAppError } from '../../../src/errors';
import { createVault } from '../../../src/secrets';

const keyOf = (fill: number) => {
  const key = Buffer.alloc(32, fill);
  return { key, id: keyId(key) };
};
const A = keyOf(1);
const B = keyOf(2);

function failure(fn: () => unknown): { code: string; detail: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return { code: e.code, detail: e.detail ?? '', message: e.message };
    throw e;
  }
  throw new Error('expected a failure');
}

describe('vault', () => {
  it.each(['sandbox-secret-change-me', '', 'ünïcödé 秘密 🔑', 'x'.repeat(500)])(
    'round-trips %p',
    (plaintext) => {
      const vault = createVault({ current: A });
      expect(vault.decrypt(vault.encrypt(plaintext))).toBe(plaintext);
    },
  );

  it('writes a versioned value that carries the key id and never the plaintext', () => {
    const vault = createVault({ current: A });
    const stored = vault.encrypt('sandbox-secret-change-me');
    expect(stored.split('.')).toHaveLength(5);
    expect(stored.startsWith(`v1.${A.id}.`)).toBe(true);
    expect(stored).not.toContain('sandbox');
    expect(Buffer.from(stored).includes(Buffer.from('sandbox-secret-change-me'))).toBe(false);
  });

  it('uses a fresh IV every time', () => {
    const vault = createVault({ current: A });
    expect(vault.encrypt('same')).not.toBe(vault.encrypt('same'));
  });

  it('fails loudly with the key id (not the plaintext) when the key is unknown', () => {
    const stored = createVault({ current: A }).encrypt('top-secret');
    const f = failure(() => createVault({ current: B }).decrypt(stored));
    expect(f.code).toBe('secret_undecryptable');
    expect(f.detail).toContain(A.id);
    expect(f.detail).not.toContain('top-secret');
    expect(f.message).toMatch(/Enter the credentials again/);
  });

  it('fails loudly when other key bytes pretend to have the same id', () => {
    const stored = createVault({ current: A }).encrypt('top-secret');
    const f = failure(() => createVault({ current: { id: A.id, key: B.key } }).decrypt(stored));
    expect(f.code).toBe('secret_undecryptable');
    expect(f.detail).toContain('authentication failed');
  });

  it.each([
    ['garbage', 'not-a-secret'],
    ['wrong version', `v0.${A.id}.a.b.c`],
    ['short IV', `v1.${A.id}.AAAA.${Buffer.alloc(16).toString('base64url')}.abc`],
  ])('refuses a malformed value (%s)', (_name, stored) => {
    expect(failure(() => createVault({ current: A }).decrypt(stored)).code).toBe('secret_undecryptable');
  });

  it('detects tampering with the ciphertext', () => {
    const vault = createVault({ current: A });
    const parts = vault.encrypt('top-secret').split('.');
    const ct = Buffer.from(parts[4]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[4] = ct.toString('base64url');
    expect(failure(() => vault.decrypt(parts.join('.'))).code).toBe('secret_undecryptable');
  });

  it('binds the ciphertext to its context (a row copied to another reseller does not open)', () => {
    const vault = createVault({ current: A });
    const stored = vault.encrypt('top-secret', 'contoso-msp');
    expect(vault.decrypt(stored, 'contoso-msp')).toBe('top-secret');
    expect(failure(() => vault.decrypt(stored, 'northwind-it')).code).toBe('secret_undecryptable');
  });

  it('decrypts with the previous key during rotation and says the value needs re-encryption', () => {
    const old = createVault({ current: A }).encrypt('top-secret');
    const rotated = createVault({ current: B, previous: A });
    expect(rotated.decrypt(old)).toBe('top-secret');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('top-secret'))).toBe(false);
    expect(rotated.currentKeyId).toBe(B.id);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(failure(() => createVault({ current: { id: 'k', key: Buffer.alloc(16) } })).code).toBe(
      'config_invalid',
    );
  });
});
