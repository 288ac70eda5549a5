export { clearStalePostmaster } from './embedded/clear-stale-postmaster.js';
export { findFreePort } from './embedded/find-free-port.js';
export {
  startEmbeddedPostgres,
  type EmbeddedPostgresOptions,
  type EmbeddedPostgresServer,
} from './embedded/start-embedded-postgres.js';
