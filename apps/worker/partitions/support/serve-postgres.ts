// An embedded PostgreSQL as a process of its own, started inside a network namespace so
// that the namespace's link is the only way to it: it listens on LISTEN_ADDRESS with the
// pg_hba file HBA_FILE, prints its superuser URL and postmaster pid as one JSON line, and
// stops the server on SIGTERM.
import { startEmbeddedPostgres } from '@org/db';

const server = await startEmbeddedPostgres({
  dataDir: process.env['DATA_DIR']!,
  durable: false,
  settings: { listen_addresses: process.env['LISTEN_ADDRESS']!, hba_file: process.env['HBA_FILE']! },
});
process.stdout.write(`${JSON.stringify({ url: server.url, pid: server.pid })}\n`);
process.once('SIGTERM', () => {
  void server.stop().finally(() => process.exit(0));
});
