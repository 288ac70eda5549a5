import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';
import { postgresBinaries } from './postgres-binaries.js';

/** The unprivileged account a root process runs the server as (PostgreSQL refuses root). */
export interface ServerAccount {
  name: string;
  uid: number;
  gid: number;
}

/** Which binaries run the server, where its cluster lives, and as whom. */
export interface ServerLayout {
  nativeDir: string;
  pgdata: string;
  /** Set when running as root. */
  account: ServerAccount | undefined;
  /** True when pgdata is outside the data directory (see `serverLayout`). */
  relocated: boolean;
}

/**
 * Where root keeps what the server account cannot reach in place: a root-owned directory
 * only root writes to, one cluster per data directory (named by a hash of its path) and
 * one copy of the binaries per version.
 */
const RELOCATION_ROOT = '/var/lib/org-embedded-postgres';

const ACCOUNT = 'postgres';

/**
 * Decides the layout for `dataDir`. A non-root user runs the server itself, with the
 * cluster in `dataDir/pgdata`. Root runs it as `postgres` (created when missing), which
 * must reach the binaries and the cluster: a clone in root's 0700 home is out of its
 * reach, and making someone's home traversable is not ours to do. Then the cluster (and,
 * if needed, a copy of the binaries) lives under RELOCATION_ROOT instead, and the data
 * directory keeps the password and the owner record.
 */
export function serverLayout(dataDir: string): ServerLayout {
  const binaries = postgresBinaries();
  if (process.getuid?.() !== 0) {
    return { nativeDir: binaries.nativeDir, pgdata: join(dataDir, 'pgdata'), account: undefined, relocated: false };
  }
  const account = serverAccount();
  // Traversable, not listable: the password file in it stays 0600.
  chmodSync(dataDir, 0o711);
  const binariesReachable = canReach(account, join(binaries.nativeDir, 'bin', 'postgres'));
  if (binariesReachable && canReach(account, dataDir)) {
    return { nativeDir: binaries.nativeDir, pgdata: join(dataDir, 'pgdata'), account, relocated: false };
  }
  try {
    mkdirSync(RELOCATION_ROOT, { recursive: true, mode: 0o755 });
    const home = join(RELOCATION_ROOT, `cluster-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`);
    mkdirSync(home, { recursive: true, mode: 0o755 });
    const nativeDir = binariesReachable ? binaries.nativeDir : copyBinaries(binaries.nativeDir, binaries.version);
    return { nativeDir, pgdata: join(home, 'pgdata'), account, relocated: true };
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(
      'DATA_DIR_UNUSABLE',
      `As root, the embedded PostgreSQL runs as user ${ACCOUNT}, who cannot reach ${dataDir}, and ` +
        `${RELOCATION_ROOT} could not be prepared instead (${(error as Error).message}): run as a ` +
        `non-root user, put the data directory where others can traverse, or set DATABASE_URL.`,
      { cause: error },
    );
  }
}

function serverAccount(): ServerAccount {
  const lookup = (): ServerAccount | undefined => {
    const uid = spawnSync('id', ['-u', ACCOUNT], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', ACCOUNT], { encoding: 'utf8' });
    if (uid.status !== 0 || gid.status !== 0) return undefined;
    return { name: ACCOUNT, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  const existing = lookup();
  if (existing) return existing;
  spawnSync('groupadd', ['-f', '-r', ACCOUNT]);
  const created = spawnSync('useradd', ['-r', '-g', ACCOUNT, '-M', '-s', '/usr/sbin/nologin', ACCOUNT], {
    encoding: 'utf8',
  });
  const account = lookup();
  if (account) return account;
  throw new EmbeddedPostgresError(
    'DATA_DIR_UNUSABLE',
    `PostgreSQL does not run as root, and no ${ACCOUNT} user exists or could be created ` +
      `(${(created.stderr || created.error?.message || 'useradd failed').trim()}): create one, run as ` +
      `a non-root user, or set DATABASE_URL.`,
  );
}

/** True when `account` can reach (traverse to and execute or enter) `path`. */
function canReach(account: ServerAccount, path: string): boolean {
  return spawnSync('test', ['-x', path], { uid: account.uid, gid: account.gid }).status === 0;
}

/** One copy of the binaries per version, made atomically (a copy, then a rename). */
function copyBinaries(nativeDir: string, version: string): string {
  const target = join(RELOCATION_ROOT, `postgres-${version}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return target;
  const partial = `${target}.partial-${process.pid}`;
  cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  try {
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    // Another start copied it first.
    if (!existsSync(join(target, 'bin', 'postgres'))) throw error;
  }
  return target;
}
