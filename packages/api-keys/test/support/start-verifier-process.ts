import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { VerifyResult } from '../../src/index.js';

/** What the verifier process said about one key. */
export interface VerifierAnswer {
  result: VerifyResult;
  /** The process's cache hits so far: whether this answer came from memory. */
  hits: number;
  trusted: boolean;
}

/** A {@link verifier-process.ts} running: ask it about a key, then stop it. */
export interface VerifierProcess {
  verify(key: string): Promise<VerifierAnswer>;
  stop(): Promise<void>;
}

/** Starts the verifier process on `databaseUrl` and waits until its cache listens. */
export async function startVerifierProcess(databaseUrl: string): Promise<VerifierProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', new URL('./verifier-process.ts', import.meta.url).pathname],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`verifier process exited (${code})`))),
  );
  exited.catch(() => undefined);
  const next = async (): Promise<unknown> => {
    const line = await Promise.race([lines.next(), exited]);
    if (line.done) throw new Error('verifier process closed its output');
    return JSON.parse(line.value) as unknown;
  };
  await next();
  // One question at a time: answers come back in order.
  let queue = Promise.resolve();
  return {
    verify(key) {
      const answer = queue.then(() => {
        child.stdin.write(`${JSON.stringify({ key })}\n`);
        return next() as Promise<VerifierAnswer>;
      });
      queue = answer.then(
        () => undefined,
        () => undefined,
      );
      return answer;
    },
    async stop() {
      child.stdin.end();
      await exited.catch(() => undefined);
    },
  };
}
