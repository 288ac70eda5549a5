import { quoteIdentifier } from '../sql/quote.js';

/**
 * `CREATE DATABASE <name> TEMPLATE <source>` for a copy of a tenant database or a snapshot:
 * no encoding or locale (a copy takes its source's, which `createDatabaseStatement` set when
 * the tenant database was made), PostgreSQL's default `WAL_LOG` strategy (see
 * `ensureTenantTemplate`), and shut from its first moment: `allowConnections: false` for
 * everyone, or `connectionLimit: 0` for every role but a superuser (the platform then
 * revokes PUBLIC's CONNECT and lifts the limit, to work inside it alone).
 */
export function copyDatabaseStatement(
  name: string,
  source: string,
  shut: { allowConnections: false } | { connectionLimit: 0 },
): string {
  const option = 'allowConnections' in shut ? 'allow_connections false' : 'connection limit 0';
  return `create database ${quoteIdentifier(name)} template ${quoteIdentifier(source)} ${option}`;
}
