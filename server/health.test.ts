import { createServer, type Server, type Socket } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { outbox } from "@/db/schema";
import { channelHalts } from "@/db/schema-worker";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { healthReport, readiness } from "./health";
import { beginShutdown } from "./lifecycle";

const opts = { maxOutboxAgeSeconds: 900 };

describe.each(testDatabases())("health probes on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open({ empty: false });
  });
  afterAll(() => t?.dispose());

  it("a migrated database is ready and healthy, with the queue counted", async () => {
    expect(await readiness(t.db)).toEqual({ ready: true });
    const report = await healthReport(t.db, opts);
    expect(report).toMatchObject({ status: "ok", db: "ok", lapor: "disabled", reasons: [] });
    expect(report.queue).toEqual({ pending: expect.any(Number), dead: expect.any(Number) });
  });

  it("a halted SMS channel makes it degraded (HTTP stays 200: the database answers)", async () => {
    await t.db.insert(channelHalts).values({ channel: "sms", reason: "401 from the gateway", retryAt: sql`now() + interval '1 minute'` });
    try {
      expect(await healthReport(t.db, opts)).toMatchObject({ status: "degraded", db: "ok", reasons: ["sms_halted"] });
    } finally {
      await t.db.delete(channelHalts);
    }
  });

  it("an outbox item pending longer than the threshold makes it degraded", async () => {
    const [row] = await t.db
      .insert(outbox)
      .values({ topic: "sms.notify", payload: {}, createdAt: sql`now() - interval '2 hours'`, nextAttemptAt: sql`now() + interval '1 hour'` })
      .returning({ id: outbox.id });
    try {
      expect(await healthReport(t.db, opts)).toMatchObject({ status: "degraded", reasons: ["outbox_backlog"] });
      expect((await healthReport(t.db, { maxOutboxAgeSeconds: 3 * 3600 })).status).toBe("ok");
    } finally {
      await t.db.delete(outbox).where(sql`${outbox.id} = ${row!.id}`);
    }
  });
});

describe("health probes without a usable database", () => {
  it("an unmigrated database is not ready: migrations_pending", { timeout: 120_000 }, async () => {
    const empty = openDb({});
    try {
      // Started (PGlite takes a while to start), so only the schema is missing.
      await empty.db.execute(sql`select 1`);
      expect(await readiness(empty.db)).toEqual({ ready: false, reason: "migrations_pending" });
    } finally {
      await empty.close();
    }
  });

  it("a refused connection: not ready, health degraded with db down and queue unknown", async () => {
    const down = openDb({ url: "postgres://postgres@127.0.0.1:1/none", poolSize: 1 });
    try {
      expect(await readiness(down.db)).toEqual({ ready: false, reason: "database_unreachable" });
      expect(await healthReport(down.db, opts)).toMatchObject({ status: "degraded", db: "down", queue: null });
    } finally {
      await down.close();
    }
  });

  describe("a database that accepts but never answers", () => {
    let server: Server;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      server = createServer((s) => void sockets.push(s));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    });
    afterAll(() => {
      for (const s of sockets) s.destroy();
      server.close();
    });

    it("each check gives up on its own timeout: readiness within about a second", async () => {
      const port = (server.address() as { port: number }).port;
      const hung = openDb({ url: `postgres://postgres@127.0.0.1:${port}/none`, poolSize: 5 });
      const started = Date.now();
      expect(await readiness(hung.db)).toEqual({ ready: false, reason: "database_unreachable" });
      const readyMs = Date.now() - started;
      expect(await healthReport(hung.db, opts)).toMatchObject({ status: "degraded", db: "down", queue: null });
      expect(readyMs).toBeLessThan(5000);
      void hung.close().catch(() => {});
    }, 20_000);
  });

  it("a stopping process is not ready, whatever the database says", async () => {
    beginShutdown();
    expect(await readiness(openDb({ url: "postgres://postgres@127.0.0.1:1/none" }).db)).toEqual({ ready: false, reason: "shutting_down" });
  });
});
