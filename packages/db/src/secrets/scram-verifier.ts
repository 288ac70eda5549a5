import { createHash, createHmac, pbkdf2, pbkdf2Sync, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password, computed here so that
 * `CREATE ROLE ... PASSWORD` never sends the plaintext: it cannot surface in the server's
 * statement log or pg_stat_activity. Same format as psql's `\password`. Passwords we
 * generate are ASCII, for which SASLprep changes nothing.
 */
export function scramSha256Verifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  return formatVerifier(pbkdf2Sync(password, salt, iterations, 32, 'sha256'), salt, iterations);
}

/**
 * {@link scramSha256Verifier} with the key derivation (half a millisecond of CPU at 4096
 * iterations) on libuv's thread pool: it can run while the caller waits for a round trip.
 */
export async function scramSha256VerifierAsync(password: string, iterations = 4096): Promise<string> {
  const salt = randomBytes(16);
  return formatVerifier(await pbkdf2Async(password, salt, iterations, 32, 'sha256'), salt, iterations);
}

const pbkdf2Async = promisify(pbkdf2);

function formatVerifier(salted: Buffer, salt: Buffer, iterations: number): string {
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
