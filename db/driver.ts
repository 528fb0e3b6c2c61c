/**
 * The one place that relies on drizzle's internals, checked against drizzle-orm 0.45.4 (with
 * postgres.js 3.4.9 and PGlite 0.5): drizzle offers no public way to (a) reach the driver's client
 * of a transaction (`db.$client` exists only on the top-level database, not on `tx`), nor (b) have
 * postgres.js prepare every statement (its session calls `client.unsafe(text, params)` without
 * `prepare` unless a query is given a name). So:
 *
 * - `driverClient` reads `session.client`, where PostgresJsSession/PgliteSession and their
 *   transactions keep the client (postgres.js: the pool or the transaction's `sql`; PGlite: the
 *   database or its transaction);
 * - `preparing` wraps the postgres.js client drizzle is given so that `unsafe` always prepares.
 *
 * db/driver.test.ts fails if either stops holding (the client found is the one passed; a drizzle
 * statement and a `preparedRows` statement show up in pg_prepared_statements): re-check both on
 * every drizzle upgrade.
 */
import type postgres from "postgres";
import { DB_UNAVAILABLE_DIGEST, isConnectionError, wasNeverSent } from "./errors";

type PostgresJsClient = { unsafe: (text: string, params: unknown[], opts: { prepare: boolean }) => Promise<unknown[]> };
type PgliteClient = { query: (text: string, params: unknown[]) => Promise<{ rows: unknown[] }> };
/** The driver under a drizzle database or transaction. */
export type DriverClient = PostgresJsClient | PgliteClient;

/** The driver's client under `db` (a drizzle database or transaction, of either driver). */
export function driverClient(db: object): DriverClient {
  const client = (db as { session?: { client?: unknown } }).session?.client;
  // postgres.js: a function with `unsafe`; PGlite: an object with `query`.
  if ((typeof client === "function" || (typeof client === "object" && client !== null)) && ("unsafe" in client || "query" in client)) return client as DriverClient;
  throw new Error("drizzle no longer keeps the driver's client at session.client: see db/driver.ts");
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
export function preparing<T extends object>(client: T, top: boolean): T {
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

