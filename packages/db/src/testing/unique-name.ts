import { randomBytes } from 'node:crypto';

/** A short unique lower-case name for test objects, so parallel tests never collide. */
export function uniqueName(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}
