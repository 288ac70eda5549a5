import { openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';
import { isSameProcess, processStartTime } from './process-identity.js';

/** What `server.json` in a data directory says about the process that owns its server. */
interface OwnerRecord {
  ownerPid: number;
  ownerStartTime?: string;
  port: number;
  postmasterPid?: number;
}

const OWNER_FILE = 'server.json';

/**
 * The one owner of a data directory's server. Created with O_EXCL, so of two starts on the
 * same directory one wins; the other reads the winner's record and refuses. A record whose
 * owner is gone (killed with SIGKILL) is taken over, and its orphaned server cleared.
 */
export class ServerOwner {
  private constructor(
    private readonly file: string,
    private record: OwnerRecord,
  ) {}

  /** Claims `dataDir` for this process, or throws ALREADY_RUNNING naming the live owner. */
  static claim(dataDir: string, port: number): ServerOwner {
    const file = join(dataDir, OWNER_FILE);
    const record: OwnerRecord = { ownerPid: process.pid, ownerStartTime: processStartTime(process.pid), port };
    for (let tries = 0; tries < 3; tries += 1) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        try {
          writeFileSync(fd, JSON.stringify(record));
        } finally {
          closeSync(fd);
        }
        return new ServerOwner(file, record);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = readOwner(file);
      if (current !== undefined && isSameProcess(current.ownerPid, current.ownerStartTime)) {
        const server = current.postmasterPid === undefined ? 'starting' : `pid ${current.postmasterPid}`;
        throw new EmbeddedPostgresError(
          'ALREADY_RUNNING',
          `The embedded PostgreSQL in ${dataDir} is already running (${server}, port ${current.port}), ` +
            `started by process ${current.ownerPid}: stop that worker first, or use another data directory.`,
          { port: current.port },
        );
      }
      rmSync(file, { force: true });
    }
    throw new EmbeddedPostgresError(
      'DATA_DIR_UNUSABLE',
      `Could not claim ${dataDir}: other starts keep racing for it.`,
    );
  }

  /**
   * The server a live process runs on `dataDir`, as its owner recorded it (its port, the
   * postmaster's pid once started), or undefined when no live process owns the directory.
   */
  static running(dataDir: string): { port: number; postmasterPid: number | undefined; ownerPid: number } | undefined {
    const current = readOwner(join(dataDir, OWNER_FILE));
    if (current === undefined || !isSameProcess(current.ownerPid, current.ownerStartTime)) return undefined;
    return { port: current.port, postmasterPid: current.postmasterPid, ownerPid: current.ownerPid };
  }

  /** Records the running server's pid, for a second start's message. */
  serverStarted(postmasterPid: number): void {
    this.record = { ...this.record, postmasterPid };
    writeFileSync(this.file, JSON.stringify(this.record), { mode: 0o600 });
  }

  /** Gives the directory up (after the server stopped, or a start failed). */
  release(): void {
    const current = readOwner(this.file);
    if (current?.ownerPid === process.pid) rmSync(this.file, { force: true });
  }
}

function readOwner(file: string): OwnerRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as OwnerRecord;
  } catch {
    return undefined;
  }
}
