import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { markEnteredManually } from "./lapor-ops";
import { outbox, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { setLaporConfig } from "@/integrations/lapor/config";
import "@/integrations/lapor/jobs";
import { drainOnce } from "@/queue/run";
import { startLaporSim, type LaporSim } from "@/lapor-sim/server";
import { validComplaint, testActor } from "@/test/fixtures";
import { intakeComplaint } from "./intake";

/**
 * Manual mode against the real worker code and the simulator: an item a worker is delivering at
 * that moment cannot be marked as entered by hand, and an item marked by hand is never sent, so
 * nothing reaches LAPOR twice.
 */
describe.each(testDatabases())("LAPOR manual mode racing the worker on $name", (backend) => {
  let t: TestDatabase;
  let sim: LaporSim;
  let userId: number;
  const topics = ["lapor.create_complaint"];
  const file = async () => {
    const r = await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: new Date() });
    const [item] = await t.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.complaintId, r.complaintId!));
    return { id: item!.id, trackingCode: r.trackingCode };
  };
  const creates = () => sim.store.received.filter((r) => r.call === "create");
  const mark = (ids: number[]) => markEnteredManually(t.db, { ids, actor: testActor(userId), now: new Date() });

  beforeAll(async () => {
    t = await backend.open();
    sim = await startLaporSim({ apiKey: "k", token: "t", institutionId: "2171" });
    setLaporConfig({ baseUrl: sim.url, apiKey: "k", token: "t", institutionId: "2171", timeoutMs: 10_000 });
    const [u] = await t.db.insert(users).values({ email: "coord@x", name: "Koordinator", role: "coordinator", passwordHash: "x" }).returning();
    userId = u!.id;
  });
  afterAll(async () => {
    setLaporConfig(undefined);
    await sim?.close();
    await t?.dispose();
  });
  beforeEach(async () => {
    sim.store.reset();
    sim.setFaults({ latencyMs: 0, latencyJitterMs: 0 });
    await t.db.update(outbox).set({ status: "done" }).where(eq(outbox.status, "pending"));
  });

  it("refuses to mark an item while a worker delivers it; LAPOR gets it once, from the worker", async () => {
    const item = await file();
    sim.setFaults({ latencyMs: 1500 });
    const draining = drainOnce(t.db, { topics });
    // The worker has claimed it and is waiting for LAPOR's answer.
    for (let i = 0; i < 200; i++) {
      const [row] = await t.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.id, item.id), isNotNull(outbox.leasedUntil)));
      if (row) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await mark([item.id])).toEqual({ marked: [], skipped: [], inDelivery: [item.id] });
    expect(await draining).toMatchObject({ delivered: 1 });
    const [row] = await t.db.select().from(outbox).where(eq(outbox.id, item.id));
    expect(row).toMatchObject({ status: "done", deliveredVia: "worker", leasedUntil: null });
    expect(creates()).toHaveLength(1);
    // Done now: a second try is simply skipped.
    expect(await mark([item.id])).toEqual({ marked: [], skipped: [item.id], inDelivery: [] });
  });

  it("never sends an item once it is marked as entered", async () => {
    const item = await file();
    expect(await mark([item.id])).toEqual({ marked: [item.id], skipped: [], inDelivery: [] });
    expect(await drainOnce(t.db, { topics })).toMatchObject({ delivered: 0 });
    expect(creates()).toHaveLength(0);
  });

  it("with marks and deliveries interleaved, every item is entered exactly once, by hand or by the worker", async () => {
    const items = [];
    for (let i = 0; i < 24; i++) items.push(await file());
    sim.setFaults({ latencyMs: 5, latencyJitterMs: 40 });
    const ids = items.map((i) => i.id);
    const draining = drainOnce(t.db, { topics, concurrency: 4 });
    const marks = [];
    for (let i = 0; i < ids.length; i += 3) {
      marks.push(await mark(ids.slice(i, i + 3)));
      await new Promise((r) => setTimeout(r, 15));
    }
    await draining;
    // Whatever was refused while in delivery was delivered by the worker meanwhile.
    const rows = await t.db.select().from(outbox).where(inArray(outbox.id, ids));
    expect(rows.every((r) => r.status === "done")).toBe(true);
    const manual = rows.filter((r) => r.deliveredVia === "manual").map((r) => r.id);
    const byWorker = rows.filter((r) => r.deliveredVia === "worker").map((r) => r.id);
    expect(manual.length + byWorker.length).toBe(ids.length);
    expect(new Set(marks.flatMap((m) => m.marked))).toEqual(new Set(manual));
    const sentCodes = creates().map((c) => /\[Pintu (\S+)\]$/.exec(c.fields.content ?? "")?.[1]);
    expect(new Set(sentCodes).size).toBe(sentCodes.length);
    expect(new Set(sentCodes)).toEqual(new Set(items.filter((i) => byWorker.includes(i.id)).map((i) => i.trackingCode)));
  });
});
