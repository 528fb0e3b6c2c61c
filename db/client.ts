import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { lockDataDir } from "./data-dir-lock";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { DB_UNAVAILABLE_DIGEST, isConnectionError, wasNeverSent } from "./errors";
import { guardArrayTypesFetch } from "./pg-array-types";
import { durablePgliteOptions } from "./pglite-durable";

/** The extensions the migrations create (pg_trgm: 0001, btree_gin: 0027), loaded into every embedded database. */
export const PGLITE_EXTENSIONS = { pg_trgm, btree_gin };
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

type Sql = ReturnType<typeof postgres>;
type Callback = (sql: Sql) => unknown;

/** How long a statement that never reached the server waits before its one more try. */
const RESEND_DELAY_MS = 500;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The postgres.js client as drizzle should use it: every statement **prepared** (postgres.js keeps
 * them per connection, by text — its own default for tagged queries). drizzle asks for prepared
 * statements only for queries given a name, so otherwise PostgreSQL parses and plans each query
 * anew; for the joins of a complaint page that was most of the database's time per request.
 * Transactions and savepoints hand their callbacks a client wrapped the same way.
 *
 * On the pool itself (`top`), a statement or transaction that failed before it reached the
 * server (no connection could be opened: `wasNeverSent`) is tried once more after a pause, so a
 * database that is back within half a second costs the client nothing. Nothing that may have been
 * sent is ever repeated; inside a transaction nothing is retried.
 */
function preparing<T extends object>(client: T, top: boolean): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (prop === "unsafe") {
        const send = (text: string, params?: postgres.ParameterOrJSON<never>[], opts?: object) => (value as Sql["unsafe"]).call(target, text, params, { ...opts, prepare: true });
        return top ? (text: string, params?: postgres.ParameterOrJSON<never>[], opts?: object) => resendingOnce(() => send(text, params, opts)) : send;
      }
      if (prop === "begin" || prop === "savepoint") {
        return (...args: unknown[]) => {
          const cb = args.pop() as Callback;
          let entered = false;
          const run = () =>
            (value as (...a: unknown[]) => Promise<unknown>).call(target, ...args, (sql: Sql) => {
              entered = true;
              return cb(preparing(sql, false));
            });
          if (!top) return run();
          return run()
            .catch((err: unknown) => (!entered && wasNeverSent(err) ? pause(RESEND_DELAY_MS).then(run) : Promise.reject(err)))
            .catch((err: unknown) => Promise.reject(tagUnavailable(err)));
        };
      }
      return value.bind(target);
    },
  });
}

/** A driver error (not wrapped by drizzle, as a failed BEGIN is) gets the page digest itself. */
function tagUnavailable(err: unknown): unknown {
  if (err instanceof Error && isConnectionError(err) && !("digest" in err)) Object.assign(err, { digest: DB_UNAVAILABLE_DIGEST });
  return err;
}

type Pending = ReturnType<Sql["unsafe"]>;

/** A query as drizzle uses one (awaited, or `.values()`), sent once more if it never left. */
function resendingOnce(send: () => Pending) {
  const run = <R>(pick: (q: Pending) => PromiseLike<R>): Promise<R> => {
    const attempt = () => Promise.resolve(pick(send()));
    return attempt().catch((err: unknown) => (wasNeverSent(err) ? pause(RESEND_DELAY_MS).then(attempt) : Promise.reject(err)));
  };
  return {
    values: () => run((q) => q.values()),
    then: <A, B>(ok?: (rows: Awaited<Pending>) => A, ko?: (err: unknown) => B) => run((q) => q).then(ok, ko),
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
 * The process-wide database. Kept on globalThis because Next bundles server code into several
 * chunks: a module-level singleton would open the PGlite directory twice.
 */
export function sharedDb(config: { url?: string; dataDir: string; poolSize?: number }): DbHandle {
  const g = globalThis as GlobalWithDb;
  return (g[globalKey] ??= openDb({ url: config.url, dataDir: config.dataDir, poolSize: config.poolSize }));
}
