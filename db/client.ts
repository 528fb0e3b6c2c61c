import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { lockDataDir } from "./data-dir-lock";
import { durablePgliteOptions } from "./pglite-durable";
import * as schema from "./schema";

/** A database or a transaction: every query function takes one of these first. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbHandle = { db: Db; kind: "pglite" | "postgres"; url?: string; close: () => Promise<void> };

/** Opens PostgreSQL when a URL is given, else embedded PGlite in `dataDir` (or in memory). */
export function openDb(opts: { url?: string; dataDir?: string; poolSize?: number }): DbHandle {
  if (opts.url) {
    const client = postgres(opts.url, {
      max: opts.poolSize ?? 10,
      onnotice: () => {},
      // Explicit JOINs are planned in the order written. The app's queries start from the table
      // they filter and join small lookup tables (category, area, OPD names) to it; letting the
      // planner search every order of eight such joins cost 30–40 ms per query on a 1M-complaint
      // database, against 1 ms to run it (README "Measured figures").
      connection: { application_name: "pintu", join_collapse_limit: "1" },
    });
    return {
      db: drizzlePostgres(preparing(client), { schema }) as unknown as Db,
      kind: "postgres",
      url: opts.url,
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (!opts.dataDir) {
    // Options object form: `new PGlite(undefined, opts)` ignores `opts` (the in-memory database
    // would then lack pg_trgm and fail migration 0001).
    const client = new PGlite({ extensions: { pg_trgm } });
    return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: "pglite", close: () => client.close() };
  }
  // One process owns an embedded database folder (two would each overwrite the other's writes),
  // and a commit is on disk before it is acknowledged.
  const lock = lockDataDir(opts.dataDir);
  const dir = path.resolve(opts.dataDir, "pglite");
  let client: PGlite;
  try {
    client = new PGlite({ dataDir: dir, extensions: { pg_trgm }, ...durablePgliteOptions(dir) });
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

type Sql = ReturnType<typeof postgres>;
type Callback = (sql: Sql) => unknown;

/**
 * The postgres.js client as drizzle should use it: every statement **prepared** (postgres.js keeps
 * them per connection, by text — its own default for tagged queries). drizzle asks for prepared
 * statements only for queries given a name, so otherwise PostgreSQL parses and plans each query
 * anew; for the joins of a complaint page that was most of the database's time per request.
 * Transactions and savepoints hand their callbacks a client wrapped the same way.
 */
function preparing<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (prop === "unsafe") return (text: string, params?: unknown[], opts?: object) => (value as Sql["unsafe"]).call(target, text, params as never, { ...opts, prepare: true });
      if (prop === "begin" || prop === "savepoint") {
        return (...args: unknown[]) => {
          const cb = args.pop() as Callback;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (sql: Sql) => cb(preparing(sql)));
        };
      }
      return value.bind(target);
    },
  });
}

const globalKey = Symbol.for("pintu.db");
type GlobalWithDb = typeof globalThis & { [globalKey]?: DbHandle };

/**
 * The process-wide database. Kept on globalThis because Next bundles server code into several
 * chunks: a module-level singleton would open the PGlite directory twice.
 */
export function sharedDb(config: { url?: string; dataDir: string; poolSize?: number }): DbHandle {
  const g = globalThis as GlobalWithDb;
  return (g[globalKey] ??= openDb({ url: config.url, dataDir: config.dataDir, poolSize: config.poolSize }));
}
