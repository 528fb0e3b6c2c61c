import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { driverClient } from "./driver";

/**
 * Runs one fixed SQL text with positional parameters ($1, $2…) on the driver under `db` (a
 * database or a transaction), as a **prepared statement** on PostgreSQL. For the few statements on
 * the hottest paths (intake, the tracking-page cache's version check): drizzle does not build SQL
 * for free (about half a millisecond of CPU for an insert of thirty values), while the text here
 * is built once. (drizzle's own statements are prepared too: see `preparing` in db/driver.ts.)
 * Parameters should carry casts (`$1::timestamptz`) where the type is not clear from context.
 */
export async function preparedRows<T>(db: Db, text: string, params: unknown[]): Promise<T[]> {
  const client = driverClient(db);
  if ("unsafe" in client) return (await client.unsafe(text, params, { prepare: true })) as T[];
  return (await client.query(text, params)).rows as T[];
}

/** Rows of a `db.execute` result on either driver (postgres.js: an array; PGlite: `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** A timestamp parameter typed explicitly, so both drivers bind it the same way. */
export const ts = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;

/**
 * A time zone name as a SQL literal (`'Asia/Makassar'`), for `at time zone` in statements built
 * once per call. Only IANA-style names pass; anything else is a programming error.
 */
export function zoneSql(timeZone: string): SQL {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) throw new Error(`not a time zone name: ${timeZone}`);
  return sql.raw(`'${timeZone}'`);
}
