/**
 * Startup parameters of every platform session on a tenant cluster: the admin pools, the
 * sessions inside tenant databases, the bootstrap that prepares a cluster. Sent in the
 * startup packet, they outrank anything `ALTER DATABASE ... SET` or `ALTER ROLE ... SET`
 * left for the session (PostgreSQL's order: client settings last).
 *
 * - `search_path` is `pg_catalog, pg_temp` (PostgreSQL's CVE-2018-1058 guidance): an
 *   unqualified name never resolves to a function, operator, type or table a tenant
 *   created, and the platform's SQL qualifies every name besides.
 * - `default_transaction_read_only` is off whatever a database was set to.
 * - `lock_timeout`: a tenant session that holds a lock the platform needs (on a platform
 *   table, or an advisory lock of the same key) makes the platform's statement fail within
 *   seconds instead of waiting for it; the caller then ends those sessions and tries again
 *   (see `endTenantLockHolders`).
 */
export const PLATFORM_SESSION = {
  search_path: 'pg_catalog, pg_temp',
  lock_timeout: 5000,
  // postgres.js leaves out a parameter whose value is false: `off` goes as a server option.
  options: '-c default_transaction_read_only=off',
};
