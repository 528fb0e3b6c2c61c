import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { lockDataDir } from "./data-dir-lock";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { DB_UNAVAILABLE_DIGEST, isConnectionError } from "./errors";
import { preparing } from "./driver";
import { guardArrayTypesFetch } from "./pg-array-types";
import { durablePgliteOptions } from "./pglite-durable";

/**
 * The extensions loaded into every embedded database: pg_trgm (migration 0001). Not btree_gin:
 * with it loaded, PGlite 0.5 hung its process in a pg_trgm query run beside another one
 * (db/queries/duplicates.test.ts), so migration 0027 skips the index that needs it there.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };
import * as schema from "./schema";

/** A database or a transaction: every query function takes one of these first. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbHandle = { db: Db; kind: "pglite" | "postgres"; url?: string; close: () => Promise<void> };

/** Opens PostgreSQL when a URL is given, else embedded PGlite in `dataDir` (or in memory). */
export function openDb(opts: { url?: string; dataDir?: string; poolSize?: number; loadDataDir?: Blob }): DbHandle {
  if (opts.url) {
    guardArrayTypesFetch();
    const client = postgres(opts.url, {
      max: opts.poolSize ?? 10,
      onnotice: () => {},
      // Explicit JOINs are planned in the order written. The app's queries start from the table
      // they filter and join small lookup tables (category, area, OPD names) to it; letting the
      // planner search every order of eight such joins cost 30–40 ms per query on a 1M-complaint
      // database, against 1 ms to run it (README "Measured figures").
      connection: { application_name: "pintu", join_collapse_limit: "1" },
      // Dead connections leave the pool: after a PostgreSQL restart or failover no request should
      // meet a connection from before it. Idle ones close after 30 s, every one is replaced
      // within 30 minutes, and a connection attempt gives up after 5 s (503, never a hang).
      idle_timeout: 30,
      max_lifetime: 30 * 60,
      connect_timeout: 5,
    });
    return {
      db: drizzlePostgres(preparing(client, true), { schema }) as unknown as Db,
      kind: "postgres",
      url: opts.url,
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (!opts.dataDir) {
    // Options object form: `new PGlite(undefined, opts)` ignores `opts` (the in-memory database
    // would then lack pg_trgm and fail migration 0001).
    const client = new PGlite({ extensions: PGLITE_EXTENSIONS });
    return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: "pglite", close: () => client.close() };
  }
  // One process owns an embedded database folder (two would each overwrite the other's writes),
  // and a commit is on disk before it is acknowledged.
  const lock = lockDataDir(opts.dataDir);
  const dir = path.resolve(opts.dataDir, "pglite");
  let client: PGlite;
  try {
    // `loadDataDir`: a restore (db/backup.ts) into an empty folder from PGlite's own dump.
    client = new PGlite({ dataDir: dir, extensions: PGLITE_EXTENSIONS, loadDataDir: opts.loadDataDir, ...durablePgliteOptions(dir) });
  } catch (err) {
    lock.release();
    throw err;
  }
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: "pglite",
    close: () => client.close().finally(lock.release),
  };
}

/**
 * Page errors caused by an unreachable database carry `DB_UNAVAILABLE_DIGEST` (Next keeps a digest
 * an error already has), so the error page can tell the visitor to try again in a moment. drizzle
 * wraps the driver's error in its own, so the digest is read through the cause chain; a digest Next
 * assigns itself becomes the error's own property as usual.
 */
Object.defineProperty(DrizzleQueryError.prototype, "digest", {
  configurable: true,
  get(this: Error) {
    return isConnectionError(this) ? DB_UNAVAILABLE_DIGEST : undefined;
  },
  set(this: Error, value: unknown) {
    Object.defineProperty(this, "digest", { value, writable: true, configurable: true, enumerable: true });
  },
});

const globalKey = Symbol.for("pintu.db");
type GlobalWithDb = typeof globalThis & { [globalKey]?: DbHandle };

/**
 * The process-wide database. Kept on globalThis because one process holds several copies of this
 * module: Next's build compiles it into its route handlers' chunks and into its pages' and
 * actions' chunks (separate module caches), and `npm start` (scripts/start.ts) opens the database
 * with its own copy before Next starts. A module-level singleton would open PGlite twice.
 */
export function sharedDb(config: { url?: string; dataDir: string; poolSize?: number }): DbHandle {
  const g = globalThis as GlobalWithDb;
  return (g[globalKey] ??= openDb({ url: config.url, dataDir: config.dataDir, poolSize: config.poolSize }));
}
