import { document } from './openapi-routes.js';

const crlf = (...lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;

/**
 * Requests no HTTP client sends, as raw bytes, with the status and code each must get: the
 * HTTP parser's refusals are the client's fault (4xx), never an outage (503). `token` is
 * sent where a refusal comes after authentication (a body over the limit).
 */
export const parserRefusals = (token: string): [name: string, status: number, code: string, request: string][] => [
  ['a NUL in a header', 400, 'MALFORMED_REQUEST', crlf('GET /v1/projects HTTP/1.1', 'Host: x', 'X-Note: a\u0000b')],
  [
    'both Content-Length and Transfer-Encoding',
    400,
    'MALFORMED_REQUEST',
    crlf('POST /v1/projects HTTP/1.1', 'Host: x', 'Content-Length: 5', 'Transfer-Encoding: chunked') + '0\r\n\r\n',
  ],
  ['a garbage request line', 400, 'MALFORMED_REQUEST', crlf('GARBAGE')],
  ['an unknown method', 400, 'MALFORMED_REQUEST', crlf('FROB /v1/projects HTTP/1.1', 'Host: x')],
  ['a header name with a space', 400, 'MALFORMED_REQUEST', crlf('GET /healthz HTTP/1.1', 'Host: x', 'Bad Name: y')],
  [
    'a Content-Length that is no number',
    400,
    'MALFORMED_REQUEST',
    crlf('POST /v1/projects HTTP/1.1', 'Host: x', 'Content-Length: ten'),
  ],
  ['an unknown HTTP version', 400, 'MALFORMED_REQUEST', crlf('GET /healthz HTTP/9.7', 'Host: x')],
  [
    'a URL longer than the parser reads',
    414,
    'REQUEST_TOO_LARGE',
    crlf(`GET /v1/projects?q=${'a'.repeat(20_000)} HTTP/1.1`, 'Host: x'),
  ],
  [
    'headers larger than the parser reads',
    431,
    'REQUEST_TOO_LARGE',
    crlf('GET /v1/projects HTTP/1.1', 'Host: x', `X-Big: ${'a'.repeat(20_000)}`),
  ],
  [
    'a body announced larger than the limit',
    413,
    'PAYLOAD_TOO_LARGE',
    crlf(
      'POST /v1/projects HTTP/1.1',
      'Host: x',
      `Authorization: Bearer ${token}`,
      'Content-Type: application/json',
      'Content-Length: 10000000',
    ) + '{',
  ],
];

/** Each documented path with the methods the document gives it, upper case. */
export function documentedMethods(): [path: string, methods: string[]][] {
  return Object.entries(document.paths).map(([path, operations]) => [
    path,
    Object.keys(operations)
      .map((method) => method.toUpperCase())
      .sort(),
  ]);
}
