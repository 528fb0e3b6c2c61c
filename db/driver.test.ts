// The drizzle internals db/driver.ts relies on (checked against drizzle-orm 0.45.4): these tests
// fail if an upgrade moves the driver's client off `session.client` or stops passing statements
// through the client's `unsafe` (so that `preparing` no longer makes them prepared statements).
import { PGlite } from "@electric-sql/pglite";
import { eq, sql } from "drizzle-orm";
import { pgTable, text } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "./client";
import { driverClient } from "./driver";
import { preparedRows, rowsOf } from "./raw";

const serverUrl = process.env.TEST_DATABASE_URL;
/** A catalogue table every PostgreSQL has, so the test needs no schema of its own. */
const pgNamespace = pgTable("pg_namespace", { nspname: text("nspname") });

describe("driverClient on PGlite", () => {
  const client = new PGlite();
  afterAll(() => client.close());

  it("finds the client drizzle was given, and a transaction's own client inside one", async () => {
    const db = drizzlePglite(client);
    expect(driverClient(db)).toBe(client);
    await db.transaction(async (tx) => {
      const inner = driverClient(tx);
      expect(inner).not.toBe(client);
      expect(typeof (inner as { query?: unknown }).query).toBe("function");
    });
  });

  it("runs preparedRows on the transaction's client: it sees what the transaction set", async () => {
    const handle = openDb({});
    try {
      const setting = (db: Db) => preparedRows<{ v: string }>(db, "select current_setting('pintu.probe', true) as v", []);
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('pintu.probe', 'inside', true)`);
        expect((await setting(tx))[0]?.v).toBe("inside");
      });
      expect((await setting(handle.db))[0]?.v ?? "").toBe("");
    } finally {
      await handle.close();
    }
  });

  it("says what changed when drizzle no longer keeps the client there", () => {
    expect(() => driverClient({ session: {} })).toThrow(/session\.client/);
  });
});

describe.skipIf(!serverUrl)("drizzle on postgres.js (TEST_DATABASE_URL)", () => {
  const raw = postgres(serverUrl ?? "postgres://unused", { max: 1, onnotice: () => {} });
  const handle = serverUrl ? openDb({ url: serverUrl, poolSize: 1 }) : null;
  afterAll(async () => {
    await raw.end({ timeout: 5 });
    await handle?.close();
  });

  /** The statements prepared on the connection `db` runs its transaction on, after `work`. */
  const preparedAfter = (db: Db, work: (tx: Db) => Promise<unknown>) =>
    db.transaction(async (tx) => {
      await work(tx);
      return rowsOf<{ statement: string }>(await tx.execute(sql`select statement from pg_prepared_statements`)).map((r) => r.statement);
    });

  it("finds the client drizzle was given, and the transaction's own `sql` inside one", async () => {
    const db = drizzlePostgres(raw);
    expect(driverClient(db)).toBe(raw);
    await db.transaction(async (tx) => {
      const inner = driverClient(tx);
      expect(inner).not.toBe(raw);
      expect(typeof (inner as { unsafe?: unknown }).unsafe).toBe("function");
    });
  });

  it("prepares drizzle's statements (query builder and execute) and preparedRows' on the connection", async () => {
    const statements = await preparedAfter(handle!.db, async (tx) => {
      await tx.select({ name: pgNamespace.nspname }).from(pgNamespace).where(eq(pgNamespace.nspname, "pintu_probe_builder"));
      await tx.execute(sql`select ${"x"}::text as pintu_probe_execute`);
      await preparedRows(tx, "select $1::text as pintu_probe_raw", ["x"]);
    });
    expect(statements.some((s) => s.includes("pintu_probe_builder") || (s.includes("pg_namespace") && s.includes("$1")))).toBe(true);
    expect(statements.some((s) => s.includes("pintu_probe_execute"))).toBe(true);
    expect(statements.some((s) => s.includes("pintu_probe_raw"))).toBe(true);
  });

  it("(control) without the wrapper drizzle's statements are not prepared: the check above can tell", async () => {
    const statements = await preparedAfter(drizzlePostgres(raw) as unknown as Db, (tx) => tx.execute(sql`select ${"x"}::text as pintu_probe_plain`));
    expect(statements.some((s) => s.includes("pintu_probe_plain"))).toBe(false);
  });
});
