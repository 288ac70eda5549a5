/** Quotes a PostgreSQL identifier (database, role, schema, table name) for DDL. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new TypeError('identifier contains a NUL byte');
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for utility statements, where bind parameters are not allowed. */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new TypeError('literal contains a NUL byte');
  return `'${value.replaceAll("'", "''")}'`;
}
