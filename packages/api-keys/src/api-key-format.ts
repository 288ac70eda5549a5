import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

const PREFIX = /^[a-z][a-z0-9]{1,15}$/;
const KEY = /^([a-z][a-z0-9]{1,15})_(\d{13})_([0-9a-f]{64})([0-9a-f]{8})$/;

/**
 * Prefixes kept for the platform's own credentials (the control plane's admin tokens are
 * `cpadmin_…`, with the same shape and checksum as keys): no project's key may start with
 * one, so a tenant's key can never pass for an admin token, to a person or a secret scanner.
 */
export const RESERVED_API_KEY_PREFIXES = ['cpadmin'] as const;

/** The rule {@link isValidApiKeyPrefix} checks, in words (for a refusal's message). */
export const API_KEY_PREFIX_RULE = `2-16 lower-case letters and digits, starting with a letter, not starting with ${RESERVED_API_KEY_PREFIXES.join(' or ')}`;

/** True when `prefix` may start a project's key: see {@link API_KEY_PREFIX_RULE}. */
export function isValidApiKeyPrefix(prefix: unknown): prefix is string {
  return (
    typeof prefix === 'string' &&
    PREFIX.test(prefix) &&
    !RESERVED_API_KEY_PREFIXES.some((reserved) => prefix.startsWith(reserved))
  );
}

/**
 * A new key `{prefix}_{timestamp}_{randomHex}`: `randomHex` is 64 hex characters of
 * `randomBytes(32)` followed by 8 hex characters of the CRC-32 of everything before them.
 * The checksum lets a typo be refused without a database query and lets secret scanners
 * recognise our keys; the 256 random bits are the secret.
 */
export function createApiKeyValue(prefix: string, now: Date = new Date(), random: Buffer = randomBytes(32)): string {
  const body = `${prefix}_${String(now.getTime()).padStart(13, '0')}_${random.toString('hex')}`;
  return body + checksum(body);
}

/** The parts of a well-formed key, or undefined when its shape or checksum is wrong. */
export function parseApiKey(key: unknown): { prefix: string; timestamp: number } | undefined {
  if (typeof key !== 'string') return undefined;
  const match = KEY.exec(key);
  if (match === null) return undefined;
  const [, prefix, timestamp, , sum] = match;
  if (checksum(key.slice(0, -8)) !== sum) return undefined;
  return { prefix: prefix!, timestamp: Number(timestamp) };
}

/** The contract's format check: shape and checksum, without touching the database. */
export function validateApiKeyFormat(key: unknown): boolean {
  return parseApiKey(key) !== undefined;
}

/** A display form that identifies a key without revealing it: prefix, timestamp, 6 hex. */
export function apiKeyStart(key: string): string {
  const secretStart = key.indexOf('_', key.indexOf('_') + 1) + 1;
  return `${key.slice(0, secretStart + 6)}…`;
}

function checksum(body: string): string {
  return crc32(body).toString(16).padStart(8, '0');
}
