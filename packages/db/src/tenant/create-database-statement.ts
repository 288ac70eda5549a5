import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';

/** Every tenant database has the same encoding and locale, whatever the cluster's default. */
export const TENANT_LOCALE = 'C.UTF-8';

/**
 * The `CREATE DATABASE` of every database the platform makes on a tenant cluster (tenant
 * databases, templates, pooled databases): one place for the encoding and locale, so that a
 * database copied from a template never differs from it (PostgreSQL refuses a copy whose
 * locale differs from a template's other than `template0`).
 */
export function createDatabaseStatement(name: string, options: { template: string; connectionLimit?: number }): string {
  const limit = options.connectionLimit === undefined ? '' : ` connection limit ${options.connectionLimit}`;
  return (
    `create database ${quoteIdentifier(name)} template ${quoteIdentifier(options.template)} encoding 'UTF8' ` +
    `lc_collate ${quoteLiteral(TENANT_LOCALE)} lc_ctype ${quoteLiteral(TENANT_LOCALE)}${limit}`
  );
}
