import type { SerializedError } from '@org/errors';

/** The error at the end of `error`'s causes (a service's HTTP_503, a SQLSTATE's error), or `error` itself. */
export function rootCause(error: SerializedError): SerializedError {
  let root = error;
  while (root.cause !== undefined) root = root.cause;
  return root;
}
