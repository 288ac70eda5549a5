import { connect } from 'node:net';

/** An answer read off the socket as it came: status line, headers, body. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parse(data: Buffer): RawAnswer | undefined {
  const text = data.toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  if (split === -1) return undefined;
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const body = data.subarray(Buffer.byteLength(text.slice(0, split + 4)));
  if (body.length < Number(headers['content-length'] ?? 0)) return undefined;
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: body.toString('utf8') };
}

/**
 * Sends `request` as raw bytes on a new connection to `url`'s host and port (what a client
 * library would refuse to send: a NUL in a header, both Content-Length and
 * Transfer-Encoding, a garbage request line) and reads the first answer. The connection
 * stays open until the answer is read whole, so a request whose body never comes is
 * answered for what was sent.
 */
export function sendRaw(url: string, request: string | Buffer): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let data = Buffer.alloc(0);
    const done = (outcome: RawAnswer | Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(
      () => done(new Error(`no whole answer to ${JSON.stringify(String(request).slice(0, 60))}: ${data.toString()}`)),
      10_000,
    );
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const answer = parse(data);
      if (answer !== undefined) done(answer);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => done(parse(data) ?? new Error(`connection closed without an answer: ${data.toString()}`)));
  });
}
