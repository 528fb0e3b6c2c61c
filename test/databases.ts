import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { count } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import postgres from "postgres";
import { inject } from "vitest";
import { openDb, PGLITE_EXTENSIONS, type Db, type DbHandle } from "@/db/client";
import * as schema from "@/db/schema";
import { attachments, complaintEvents, complaints, idempotencyKeys, outbox } from "@/db/schema";
import { prepareDb } from "@/db/seed";

/** A throwaway database for one test file. */
export type TestDatabase = {
  kind: DbHandle["kind"];
  db: Db;
  handle: DbHandle;
  /**
   * Another connection pool on the same database, as a second app process would have;
   * null on PGlite, which is one in-process connection.
   */
  openAnother: () => DbHandle | null;
  /** Closes every handle and drops the database. */
  dispose: () => Promise<void>;
};

export type TestBackend = {
  name: DbHandle["kind"];
  /** Opens a fresh database, migrated and seeded with BTM reference data unless `empty`. */
  open: (opts?: { empty?: boolean }) => Promise<TestDatabase>;
};

/**
 * The backends database tests run on: always an in-memory PGlite (a copy of the template
 * test/global-setup.ts prepared), and a real PostgreSQL server when TEST_DATABASE_URL is set,
 * where each test file gets its own freshly created, migrated and seeded database.
 */
export function testDatabases(): TestBackend[] {
  const backends: TestBackend[] = [{ name: "pglite", open: openPglite }];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) backends.push({ name: "postgres", open: (opts) => openPostgres(serverUrl, opts) });
  return backends;
}

async function openPglite(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const template = opts.empty ? null : inject("pgliteTemplate");
  let handle: DbHandle;
  if (template) {
    // A copy of the database test/global-setup.ts migrated and seeded, with openDb's extensions.
    const client = new PGlite({ loadDataDir: new Blob([readFileSync(template)]), extensions: PGLITE_EXTENSIONS });
    await client.waitReady;
    handle = { db: drizzle(client, { schema }) as unknown as Db, kind: "pglite", close: () => client.close() };
  } else {
    handle = openDb({});
    if (!opts.empty) await prepareDb(handle, { region: "BTM", demo: false });
  }
  return { kind: handle.kind, db: handle.db, handle, openAnother: () => null, dispose: () => handle.close() };
}

async function openPostgres(serverUrl: string, opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `pintu_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handles: DbHandle[] = [];
  const open = () => {
    const h = openDb({ url: url.toString(), poolSize: 5 });
    handles.push(h);
    return h;
  };
  const dispose = async () => {
    await Promise.allSettled(handles.map((h) => h.close()));
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  };
  const handle = open();
  try {
    if (!opts.empty) await prepareDb(handle, { region: "BTM", demo: false });
  } catch (error) {
    await dispose();
    throw error;
  }
  return { kind: handle.kind, db: handle.db, handle, openAnother: open, dispose };
}

/** Row counts of the tables intake writes, to assert that a rejected request wrote nothing. */
export async function countRows(db: Db) {
  const n = async (table: typeof complaints | typeof complaintEvents | typeof attachments | typeof outbox | typeof idempotencyKeys) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    complaints: await n(complaints),
    events: await n(complaintEvents),
    attachments: await n(attachments),
    outbox: await n(outbox),
    idempotencyKeys: await n(idempotencyKeys),
  };
}
