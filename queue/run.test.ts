import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { channelHalts, jobLeases } from "@/db/schema-worker";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { claimDue } from "./claim";
import { HaltChannel, PermanentFailure, RetryAfter, registerTopic, definePeriodic } from "./registry";
import { drainOnce, runPeriodicNow, startWorker } from "./run";

// A long backoff: "not due yet" must hold however slow the machine is while the test runs.
const quiet = { log: () => {}, backoffMs: 60_000, maxAttempts: 3 };

async function enqueue(db: Db, topic: string, n = 1) {
  const rows = await db
    .insert(outbox)
    .values(Array.from({ length: n }, (_, i) => ({ topic, payload: { i } })))
    .returning({ id: outbox.id });
  return rows.map((r) => r.id);
}

const rowsOf = (db: Db, ids: number[]) => db.select().from(outbox).where(inArray(outbox.id, ids)).orderBy(outbox.id);

/** Makes every item of these ids due now, as if their wait had passed. */
const makeDue = (db: Db, ids: number[]) => db.update(outbox).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(inArray(outbox.id, ids));

describe.each(testDatabases())("the outbox worker on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open({ empty: false });
  });
  afterAll(() => t?.dispose());

  const topicName = (channel = `t${randomUUID().slice(0, 8)}`) => `${channel}.${randomUUID().slice(0, 8)}`;

  it("delivers due items once, keeping what the receiver answered", async () => {
    const topic = topicName();
    const seen: number[] = [];
    registerTopic(topic, async (item) => {
      seen.push(item.id);
      return { remoteId: `R${item.id}` };
    });
    const ids = await enqueue(t.db, topic, 5);
    expect(await drainOnce(t.db, { ...quiet, topics: [topic] })).toEqual({ delivered: 5, retried: 0, dead: 0 });
    expect(await drainOnce(t.db, { ...quiet, topics: [topic] })).toEqual({ delivered: 0, retried: 0, dead: 0 });
    expect(seen.sort()).toEqual(ids);
    for (const row of await rowsOf(t.db, ids)) {
      expect(row).toMatchObject({ status: "done", attempts: 1, deliveredVia: "worker", result: { remoteId: `R${row.id}` } });
      expect(row.doneAt).toBeInstanceOf(Date);
    }
  });

  it("retries a failure later with backoff, then gives up into the dead letters after maxAttempts", async () => {
    const topic = topicName();
    registerTopic(topic, async () => {
      throw new Error("LAPOR answered 503");
    });
    const [id] = await enqueue(t.db, topic);
    const before = Date.now();
    expect(await drainOnce(t.db, { ...quiet, topics: [topic] })).toEqual({ delivered: 0, retried: 1, dead: 0 });
    let [row] = await rowsOf(t.db, [id!]);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "LAPOR answered 503" });
    // Attempt 1 waits between half and all of the base delay.
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(before + 29_000);
    // Not due yet: nothing happens.
    expect(await drainOnce(t.db, { ...quiet, topics: [topic] })).toEqual({ delivered: 0, retried: 0, dead: 0 });
    await makeDue(t.db, [id!]);
    await drainOnce(t.db, { ...quiet, topics: [topic] });
    await makeDue(t.db, [id!]);
    expect(await drainOnce(t.db, { ...quiet, topics: [topic] })).toEqual({ delivered: 0, retried: 0, dead: 1 });
    [row] = await rowsOf(t.db, [id!]);
    expect(row).toMatchObject({ status: "dead", attempts: 3 });
  });

  it("sends a permanent failure straight to the dead letters", async () => {
    const topic = topicName();
    registerTopic(topic, async () => {
      throw new PermanentFailure("rejected: unknown category");
    });
    const [id] = await enqueue(t.db, topic);
    expect(await drainOnce(t.db, { ...quiet, topics: [topic] })).toMatchObject({ dead: 1 });
    expect((await rowsOf(t.db, [id!]))[0]).toMatchObject({ status: "dead", attempts: 1, lastError: "rejected: unknown category" });
  });

  it("counts an attempt that lost our own database, so the next one looks before sending again", async () => {
    const topic = topicName();
    const seen: number[] = [];
    registerTopic(topic, async (item) => {
      seen.push(item.attempts);
      if (seen.length === 1) throw Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" });
      return {};
    });
    const [id] = await enqueue(t.db, topic);
    expect(await drainOnce(t.db, { ...quiet, topics: [topic] })).toMatchObject({ retried: 1 });
    expect((await rowsOf(t.db, [id!]))[0]).toMatchObject({ status: "pending", attempts: 1 });
    await makeDue(t.db, [id!]);
    expect(await drainOnce(t.db, { ...quiet, topics: [topic] })).toMatchObject({ delivered: 1 });
    expect(seen).toEqual([1, 2]);
  });

  it("waits as long as Retry-After asks without counting the attempt", async () => {
    const topic = topicName();
    registerTopic(topic, async () => {
      throw new RetryAfter(120_000, "429 Too Many Requests");
    });
    const [id] = await enqueue(t.db, topic);
    await drainOnce(t.db, { ...quiet, topics: [topic] });
    const [row] = await rowsOf(t.db, [id!]);
    expect(row).toMatchObject({ status: "pending", attempts: 0, lastError: "429 Too Many Requests" });
    const wait = row!.nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(100_000);
    expect(wait).toBeLessThan(125_000);
  });

  it("halts the whole channel on HaltChannel, probes it with one item later, and resumes when that works", async () => {
    const channel = `c${randomUUID().slice(0, 8)}`;
    const [a, b] = [topicName(channel), topicName(channel)];
    let tokenValid = false;
    const calls: string[] = [];
    const handler = (topic: string) => async () => {
      calls.push(topic);
      if (!tokenValid) throw new HaltChannel(channel, "401 token expired");
    };
    registerTopic(a, handler(a));
    registerTopic(b, handler(b));
    const ids = [...(await enqueue(t.db, a, 2)), ...(await enqueue(t.db, b, 2))];
    await drainOnce(t.db, { ...quiet, topics: [a, b], concurrency: 1 });
    expect(calls).toHaveLength(1);
    const [halt] = await t.db.select().from(channelHalts).where(eq(channelHalts.channel, channel));
    expect(halt).toMatchObject({ reason: "401 token expired" });
    // Halted: even items that are due wait.
    await makeDue(t.db, ids);
    expect(await drainOnce(t.db, { ...quiet, topics: [a, b] })).toMatchObject({ delivered: 0, retried: 0 });
    // The probe time comes while the token is still bad: exactly one item tries, and the halt stays.
    const probe = () => t.db.update(channelHalts).set({ retryAt: sql`now() - interval '1 second'` }).where(eq(channelHalts.channel, channel));
    await probe();
    await makeDue(t.db, ids);
    expect(await drainOnce(t.db, { ...quiet, topics: [a, b] })).toMatchObject({ delivered: 0, retried: 1 });
    expect(calls).toHaveLength(2);
    // The token works again: the next probe succeeds, the halt is cleared and everything flows.
    tokenValid = true;
    await probe();
    await makeDue(t.db, ids);
    expect(await drainOnce(t.db, { ...quiet, topics: [a, b] })).toMatchObject({ delivered: 4 });
    expect(await t.db.select().from(channelHalts).where(eq(channelHalts.channel, channel))).toHaveLength(0);
    expect((await rowsOf(t.db, ids)).map((r) => [r.status, r.attempts])).toEqual(Array(4).fill(["done", 1]));
  });

  it("gives a killed worker's claimed items to another worker once the lease runs out", async () => {
    const topic = topicName();
    const ids = await enqueue(t.db, topic, 3);
    // A worker claims them and dies before delivering.
    expect(await claimDue(t.db, [topic], 10)).toHaveLength(3);
    expect(await claimDue(t.db, [topic], 10)).toHaveLength(0);
    let delivered = 0;
    registerTopic(topic, async () => void delivered++);
    await makeDue(t.db, ids);
    await drainOnce(t.db, { ...quiet, topics: [topic] });
    expect(delivered).toBe(3);
    expect((await rowsOf(t.db, ids)).map((r) => r.attempts)).toEqual([2, 2, 2]);
  });

  it("never delivers an item twice when two workers drain the same queue at once", async () => {
    const other = t.openAnother();
    const topic = topicName();
    const counts = new Map<number, number>();
    registerTopic(topic, async (item) => {
      counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 2));
    });
    const ids = await enqueue(t.db, topic, 200);
    const results = await Promise.all([
      drainOnce(t.db, { ...quiet, topics: [topic], concurrency: 8 }),
      drainOnce(other?.db ?? t.db, { ...quiet, topics: [topic], concurrency: 8 }),
    ]);
    expect(results[0]!.delivered + results[1]!.delivered).toBe(200);
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect((await rowsOf(t.db, ids)).every((r) => r.status === "done")).toBe(true);
  });

  it("runs a periodic job on one worker at a time and keeps its state", async () => {
    const name = `job-${randomUUID()}`;
    let runs = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    definePeriodic(name, { everyMs: 60_000 }, async ({ state }) => {
      runs++;
      if (runs === 1) {
        started();
        await held;
      }
      return { watermark: ((state.watermark as number | undefined) ?? 0) + 1 };
    });
    const other = t.openAnother()?.db ?? t.db;
    const first = runPeriodicNow(t.db, name, quiet);
    await running;
    // While the first run holds the lease, another worker does not run the job.
    expect(await runPeriodicNow(other, name, quiet)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(runs).toBe(1);
    expect(await runPeriodicNow(other, name, quiet)).toBe(true);
    const [lease] = await t.db.select().from(jobLeases).where(eq(jobLeases.name, name));
    expect(lease).toMatchObject({ state: { watermark: 2 }, lastError: null });
    expect(lease!.lastOkAt).toBeInstanceOf(Date);
  });

  it("the running worker delivers new items without being asked and stops cleanly", async () => {
    const topic = topicName();
    const done = new Set<number>();
    registerTopic(topic, async (item) => void done.add(item.id));
    const worker = startWorker(t.db, { ...quiet, pollMs: 20 });
    try {
      const ids = await enqueue(t.db, topic, 10);
      for (let i = 0; i < 200 && done.size < 10; i++) await new Promise((r) => setTimeout(r, 25));
      expect([...done].sort()).toEqual(ids);
    } finally {
      await worker.stop();
    }
  });

  it("stopping with a grace: claims nothing more, lets the delivery in flight finish, holds no lease afterwards", async () => {
    const topic = topicName();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    registerTopic(topic, async () => {
      started++;
      await gate;
      return { ok: true };
    });
    const worker = startWorker(t.db, { ...quiet, pollMs: 20, concurrency: 1 });
    const [first] = await enqueue(t.db, topic);
    for (let i = 0; i < 200 && started === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(started).toBe(1);
    const stopped = worker.stop(30_000);
    const [late] = await enqueue(t.db, topic);
    await new Promise((r) => setTimeout(r, 200));
    release();
    await stopped;
    const [a, b] = await rowsOf(t.db, [first!, late!]);
    expect(a).toMatchObject({ status: "done", leasedUntil: null });
    expect(b).toMatchObject({ status: "pending", attempts: 0, leasedUntil: null });
    expect(started).toBe(1);
    await t.db.delete(outbox).where(eq(outbox.id, late!));
  });

  it("stopping gives back a periodic job's lease whose own release failed to run", async () => {
    const name = `job-${randomUUID().slice(0, 8)}`;
    definePeriodic(name, { everyMs: 60_000 }, async () => undefined);
    const worker = startWorker(t.db, { ...quiet, id: `w-${name}`, pollMs: 20 });
    // As if the job's run had ended without its release reaching the database.
    await t.db.insert(jobLeases).values({ name: `${name}-held`, lockedUntil: sql`now() + interval '2 minutes'`, lockedBy: `w-${name}` });
    await worker.stop(1000);
    const [held] = await t.db.select().from(jobLeases).where(eq(jobLeases.name, `${name}-held`));
    expect(held!.lockedUntil.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });
});
