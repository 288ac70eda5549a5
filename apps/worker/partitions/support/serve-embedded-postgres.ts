// An embedded PostgreSQL as a process of its own, for a server that must live inside a
// network namespace (started there with `NetworkNamespace.spawn`): it listens on
// LISTEN_ADDRESSES with the pg_hba file HBA_FILE, prints its superuser URL as one JSON line
// `{"url":...}` once it accepts connections, and stops the server on SIGTERM.
import { startEmbeddedPostgres } from '@org/db';

const server = await startEmbeddedPostgres({
  dataDir: process.env['DATA_DIR']!,
  durable: false,
  settings: { listen_addresses: process.env['LISTEN_ADDRESSES']!, hba_file: process.env['HBA_FILE']! },
});
process.once('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
