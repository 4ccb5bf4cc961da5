import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Rows per statement. Keeps every statement far below SQLite's 32,766 and PostgreSQL's 65,535
 * bound parameters while still amortising the round trip.
 */
export const LOOKUP_CHUNK = 1000;
/** Values per lookup when the whole list travels as ONE parameter (JSON on SQLite, an array on PostgreSQL). */
export const SET_LOOKUP_CHUNK = 10_000;
export const INSERT_CHUNK = 500;

/** Splits a list into consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Distinct values in first-seen order. */
export function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** true for a unique/primary-key violation in either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Counts come back as strings from PostgreSQL (int8) and numbers from SQLite. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/**
 * `column IN (values)` with the values bound as a single parameter: one statement per 10,000
 * emails instead of one bound variable each, which is what makes 50,000 lookups fast.
 */
export function inValues(column: string, values: readonly string[], dialect: 'sqlite' | 'postgres'): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  return dialect === 'postgres'
    ? sql<SqlBool>`${ref} = any(${[...values]}::text[])`
    : sql<SqlBool>`${ref} in (select value from json_each(${JSON.stringify(values)}))`;
}
