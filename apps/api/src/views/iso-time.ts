/**
 * A time as every answer writes it: ISO 8601 in UTC with milliseconds (`toISOString`),
 * whatever form it was read in (a Date from Drizzle, PostgreSQL's text from a JSON
 * column); null stays null.
 */
export function isoTime(value: Date | string): string;
export function isoTime(value: Date | string | null): string | null;
export function isoTime(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
