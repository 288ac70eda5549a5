import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@org/errors';
import { describe, expect, it } from 'vitest';
import { loadSecretKey } from './load-secret-key.js';
import { createSecretBox } from './secret-box.js';

describe('createSecretBox', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips and never repeats a ciphertext', () => {
    const a = box.seal('hunter2', 'ctx');
    const b = box.seal('hunter2', 'ctx');
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(box.open(a, 'ctx')).toBe('hunter2');
  });

  it('refuses tampering, other keys and other associated data', () => {
    const sealed = box.seal('secret', 'project-a');
    expect(() => box.open(sealed, 'project-b')).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'project-a')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'), 'project-a')).toThrow();
    expect(() => box.open('garbage')).toThrow('not a sealed value');
  });

  it('wants a 32-byte key', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(ValidationError);
  });
});

describe('loadSecretKey', () => {
  it('decodes base64 and hex keys and rejects short ones', () => {
    const key = randomBytes(32);
    expect(loadSecretKey({ key: key.toString('base64') })).toEqual(key);
    expect(loadSecretKey({ key: key.toString('hex') })).toEqual(key);
    expect(() => loadSecretKey({ key: randomBytes(8).toString('base64') })).toThrow(ValidationError);
    expect(() => loadSecretKey({})).toThrow(ValidationError);
  });

  it('generates a private development key file once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'org-db-key-'));
    try {
      const file = join(dir, 'nested', 'secret.key');
      const first = loadSecretKey({ devKeyFile: file });
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadSecretKey({ devKeyFile: file })).toEqual(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
