import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ValidationError } from '@org/errors';

/** Where the control plane's AES-256 key comes from. */
export interface SecretKeySource {
  /** Base64 (or 64 hex characters) of 32 bytes, e.g. from `PROVISIONING_SECRET_KEY`. */
  key?: string | undefined;
  /**
   * A development key file, generated (mode 0600) when missing. Used only when `key` is
   * not given: production supplies the key from its secret store.
   */
  devKeyFile?: string | undefined;
}

/** Decodes the configured key, or reads (creating if needed) the development key file. */
export function loadSecretKey(source: SecretKeySource): Buffer {
  if (source.key !== undefined && source.key !== '') return decodeKey(source.key);
  if (source.devKeyFile === undefined) {
    throw new ValidationError([
      { path: 'PROVISIONING_SECRET_KEY', message: 'is required: base64 of 32 random bytes (openssl rand -base64 32)' },
    ]);
  }
  if (!existsSync(source.devKeyFile)) {
    mkdirSync(dirname(source.devKeyFile), { recursive: true });
    writeFileSync(source.devKeyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return decodeKey(readFileSync(source.devKeyFile, 'utf8').trim());
}

function decodeKey(text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new ValidationError([{ path: 'PROVISIONING_SECRET_KEY', message: 'must decode to exactly 32 bytes' }]);
  }
  return key;
}
