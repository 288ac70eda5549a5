import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ValidationError } from '@org/errors';

const VERSION = 'v1';

/** Seals and opens small secrets with AES-256-GCM. */
export interface SecretBox {
  /** `v1.<iv>.<tag>.<ciphertext>` in base64url; a fresh IV every call. */
  seal(plaintext: string, associatedData?: string): string;
  /** Throws if the value was tampered with, sealed under another key or other data. */
  open(sealed: string, associatedData?: string): string;
}

/**
 * A {@link SecretBox} over a 32-byte key. `associatedData` binds a sealed value to its
 * context (a project id, say), so a value copied onto another row does not open.
 */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) {
    throw new ValidationError([{ path: 'secretKey', message: 'must be 32 bytes (AES-256)' }]);
  }
  return {
    seal(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open(sealed, associatedData) {
      const [version, iv, tag, ciphertext] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
        throw new Error('not a sealed value');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
