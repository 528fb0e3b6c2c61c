import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { rowsOf } from "./raw";

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

type Journal = { entries: { idx: number; when: number; tag: string }[] };

/** The statements of one committed migration, as drizzle's migrator runs them. */
export function migrationStatements(tag: string): string[] {
  return readFileSync(path.join(folder, `${tag}.sql`), "utf8")
    .split("--> statement-breakpoint")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The committed migrations this database has not applied yet, oldest first (as drizzle decides: by the journal's `when`). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as Journal;
  let last = 0;
  try {
    const [row] = rowsOf<{ at: string | number | null }>(await db.execute(sql`select max(created_at) as at from drizzle.__drizzle_migrations`));
    last = Number(row?.at ?? 0);
  } catch {
    last = 0; // never migrated
  }
  return journal.entries.filter((e) => e.when > last).map((e) => e.tag);
}

class Rollback extends Error {}

/**
 * Runs `tags`' statements and then `measure` in one transaction that is always rolled back:
 * what the migrations would change, counted without changing anything.
 */
export async function dryRunMigrations<T>(db: Db, tags: string[], measure: (tx: Db) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      for (const tag of tags) for (const statement of migrationStatements(tag)) await tx.execute(sql.raw(statement));
      result = await measure(tx);
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return result as T;
}
