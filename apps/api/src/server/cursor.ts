import { isUuid } from '@org/db';
import { ApiProblem } from '../http/api-problem.js';

/** A page's position as an opaque cursor: base64url of a pair of strings. */
export function encodeCursor(position: [string, string]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * The position a cursor names: a time (or an id) and an id, as the API made it. A cursor
 * this API did not make is a 400, before it reaches a query.
 */
export function decodeCursor(cursor: string, shape: 'time-id' | 'id'): [string, string] {
  try {
    const position: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(position) && position.length === 2 && position.every((part) => typeof part === 'string')) {
      const [first, second] = position as [string, string];
      const valid =
        shape === 'id'
          ? isUuid(first)
          : isUuid(second) && /^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:?\d{2})?|Z)$/.test(first);
      if (valid) return [first, second];
    }
  } catch {
    // not JSON: refused below
  }
  throw ApiProblem.invalid([{ path: 'querystring.cursor', message: 'not a cursor this API returned' }]);
}
