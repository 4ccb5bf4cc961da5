import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Values per `IN (…)` list with one bound parameter each: far below SQLite's 32,766 and
 * PostgreSQL's 65,535 bound parameters.
 */
export const LOOKUP_CHUNK = 1000;
/** Values per lookup when the whole list travels as ONE parameter (JSON on SQLite, an array on PostgreSQL). */
export const SET_LOOKUP_CHUNK = 10_000;

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

/** Rows per bulk statement when the rows travel as ONE JSON parameter. */
export const BULK_CHUNK = 5000;

/** A column of a bulk insert, in the order of the row arrays. */
export interface BulkColumn {
  readonly name: string;
  readonly type: 'text' | 'integer';
}

/**
 * `INSERT INTO table (columns) SELECT … FROM <rows as one JSON parameter> WHERE true <tail>`.
 * Building a multi-row VALUES list through the query builder costs ~50 µs per row; one JSON
 * parameter unpacked by the database (json_each / json_array_elements) costs a few. `WHERE true`
 * lets SQLite parse an ON CONFLICT clause after a SELECT.
 */
export function bulkInsert(
  dialect: 'sqlite' | 'postgres',
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
  tail: RawBuilder<unknown> = sql``,
): RawBuilder<Record<string, unknown>> {
  const json = JSON.stringify(rows);
  const values = columns.map((c, i) =>
    dialect === 'postgres' ? sql.raw(`(value->>${i})::${c.type}`) : sql.raw(`value->>${i}`),
  );
  const from =
    dialect === 'postgres' ? sql`json_array_elements(${json}::json) as source(value)` : sql`json_each(${json})`;
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  return sql<Record<string, unknown>>`insert into ${sql.table(table)} (${names}) select ${sql.join(values)} from ${from} where true ${tail}`;
}
