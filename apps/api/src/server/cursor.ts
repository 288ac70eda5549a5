import { ErrorCodes } from '@org/errors';
import { ApiProblem } from '../http/api-problem.js';

/** A page's position as an opaque cursor: base64url of a pair of strings. */
export function encodeCursor(position: [string, string]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position a cursor names; a cursor this API did not make is a 400. */
export function decodeCursor(cursor: string): [string, string] {
  try {
    const position: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(position) &&
      position.length === 2 &&
      position.every((part) => typeof part === 'string' && part.length <= 100)
    ) {
      return position as [string, string];
    }
  } catch {
    // not JSON: refused below
  }
  throw new ApiProblem(400, ErrorCodes.VALIDATION_FAILED, 'Invalid request', 'The request has invalid fields', {
    errors: [{ path: 'querystring.cursor', message: 'not a cursor this API returned' }],
  });
}
