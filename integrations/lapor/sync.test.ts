import { and, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { attachments, complaintEvents, complaints, opds, outbox, users } from "@/db/schema";
import { laporQuarantine } from "@/db/schema-lapor";
import { channelHalts, jobLeases } from "@/db/schema-worker";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { drainOnce, runPeriodicNow } from "@/queue/run";
import { startLaporSim, type LaporSim } from "@/lapor-sim/server";
import { intakeComplaint } from "@/server/intake";
import { performAction, type ActingParty } from "@/server/workflow/perform";
import { validComplaint } from "@/test/fixtures";
import { setLaporConfig } from "./config";
import { laporHealth } from "./health";
import { pollOnce } from "./inbound";
import "./jobs";
import { LAPOR_POLL_JOB } from "./jobs-names";

const TOPICS = ["lapor.create_complaint", "lapor.followup", "lapor.forward"];

describe.each(testDatabases())("LAPOR sync against the simulator on $name", (backend) => {
  let t: TestDatabase;
  let sim: LaporSim;
  let coord: ActingParty;
  let officer: ActingParty;
  const cfg = () => ({ baseUrl: sim.url, apiKey: "k", token: "t", institutionId: "2171", timeoutMs: 1000 });
  const poll = () => pollOnce({ db: t.db, cfg: cfg(), region: "BTM" }, null);
  /** Drains until nothing is pending (a retry whose backoff has not run out yet is made due). */
  const drain = async () => {
    const total = { delivered: 0, retried: 0, dead: 0 };
    for (let i = 0; i < 10; i++) {
      const r = await drainOnce(t.db, { topics: TOPICS, backoffMs: 10 });
      total.delivered += r.delivered;
      total.retried += r.retried;
      total.dead += r.dead;
      const pending = await t.db.select({ n: count() }).from(outbox).where(and(eq(outbox.status, "pending"), inArray(outbox.topic, TOPICS), sql`${outbox.nextAttemptAt} < now() + interval '1 second'`));
      if (pending[0]!.n === 0) break;
      await makeDue();
    }
    return total;
  };
  const makeDue = () => t.db.execute(sql`update outbox set next_attempt_at = now() where status = 'pending'`);
  const byLapor = async (laporId: number) => (await t.db.select().from(complaints).where(eq(complaints.laporId, String(laporId))))[0];
  const laporCount = async () => (await t.db.select({ n: count() }).from(complaints).where(eq(complaints.channel, "lapor")))[0]!.n;

  beforeAll(async () => {
    t = await backend.open();
    sim = await startLaporSim({ apiKey: "k", token: "t", institutionId: "2171", externals: [{ id: "9001", name: "BP Batam" }] });
    setLaporConfig(cfg());
    const [dukcapil] = await t.db.select({ id: opds.id }).from(opds).where(eq(opds.code, "DISDUKCAPIL"));
    const [c] = await t.db.insert(users).values({ email: "coord@x", name: "Koordinator", role: "coordinator", passwordHash: "x" }).returning();
    const [o] = await t.db.insert(users).values({ email: "dukcapil@x", name: "Petugas", role: "opd_officer", opdId: dukcapil!.id, passwordHash: "x" }).returning();
    coord = { kind: "staff", userId: c!.id, role: "coordinator", opdId: null };
    officer = { kind: "staff", userId: o!.id, role: "opd_officer", opdId: dukcapil!.id };
  });
  afterAll(async () => {
    setLaporConfig(undefined);
    await sim?.close();
    await t?.dispose();
  });
  beforeEach(async () => {
    sim.store.reset();
    // Each test starts with an empty queue: earlier tests' items are settled.
    await t.db.update(outbox).set({ status: "done" }).where(eq(outbox.status, "pending"));
    await t.db.delete(channelHalts);
  });

  it("imports disposed complaints once, with LAPOR ids, attachments, mapped category and area, and the anonymity flags", async () => {
    const [photo, anon, secret] = [
      sim.store.createDisposed({ category_id: "102", location_id: "2171010001", attachmentCount: 2 }),
      sim.store.createDisposed({ is_anonymous: true }),
      sim.store.createDisposed({ is_secret: true, location_id: "999" }),
    ];
    const first = await poll();
    expect(first).toMatchObject({ created: 3, quarantined: 0, failed: 0 });
    expect(await poll()).toMatchObject({ created: 0 });
    const p = (await byLapor(photo!.id))!;
    expect(p).toMatchObject({ channel: "lapor", laporTrackingId: photo!.tracking_id, status: "received", anonymous: false });
    expect(p.categoryId).not.toBeNull();
    expect(p.kelurahanId).not.toBeNull();
    expect((await t.db.select({ n: count() }).from(attachments).where(eq(attachments.complaintId, p.id)))[0]!.n).toBe(2);
    expect(await byLapor(anon!.id)).toMatchObject({ anonymous: true, reporterName: null });
    expect(await byLapor(secret!.id)).toMatchObject({ confidential: true, kelurahanId: null });
    // Imported complaints are never sent back to LAPOR.
    expect((await t.db.select({ n: count() }).from(outbox).where(and(eq(outbox.complaintId, p.id), eq(outbox.topic, "lapor.create_complaint"))))[0]!.n).toBe(0);
  });

  it("quarantines v4-shaped complaints once without failing the poll, and imports them when LAPOR speaks v3 again", async () => {
    const c = sim.store.createDisposed({});
    const before = (await t.db.select({ n: count() }).from(laporQuarantine))[0]!.n;
    sim.setFaults({ version: "v4" });
    expect(await poll()).toMatchObject({ created: 0, quarantined: 1 });
    expect(await poll()).toMatchObject({ quarantined: 0 });
    expect((await t.db.select({ n: count() }).from(laporQuarantine))[0]!.n).toBe(before + 1);
    sim.setFaults({ version: "v3" });
    await poll();
    expect(await byLapor(c.id)).toBeDefined();
  });

  it("puts a reporter's LAPOR reply to an information request on the timeline once and resumes the complaint", async () => {
    const lc = sim.store.createDisposed({});
    await poll();
    const local = (await byLapor(lc.id))!;
    await performAction(t.db, { complaintId: local.id, action: "dispose", party: coord, input: { opdCode: "DISDUKCAPIL" }, now: new Date() });
    await performAction(t.db, { complaintId: local.id, action: "request_info", party: officer, input: { message: "Mohon lampirkan foto lokasi." }, now: new Date() });
    sim.store.addReporterFollowup(lc, "Fotonya sudah saya kirim lewat LAPOR.", null);
    expect(await poll()).toMatchObject({ followups: 1 });
    expect(await poll()).toMatchObject({ followups: 0 });
    expect((await byLapor(lc.id))!.status).toBe("disposed");
    const replies = await t.db.select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, local.id), eq(complaintEvents.action, "reporter_reply")));
    expect(replies.map((r) => [r.channel, r.data?.message])).toEqual([["lapor", "Fotonya sudah saya kirim lewat LAPOR."]]);
  });

  it("records a web complaint in LAPOR once, links it when it comes back, and posts the OPD's answer once despite lost answers", async () => {
    const laporBefore = await laporCount();
    const r = await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: new Date() });
    // Every write's answer is lost: the retry finds the complaint in LAPOR instead of sending it again.
    sim.setFaults({ lostResponseRate: 1 });
    expect(await drain()).toMatchObject({ delivered: 1, retried: 1 });
    sim.setFaults({ lostResponseRate: 0 });
    const creates = sim.store.received.filter((x) => x.call === "create");
    expect(creates).toHaveLength(1);
    const local = (await t.db.select().from(complaints).where(eq(complaints.trackingCode, r.trackingCode)))[0]!;
    expect(local.laporId).toBe(String(creates[0]!.complaintId));
    expect(await poll()).toMatchObject({ created: 0 });
    expect(await laporCount()).toBe(laporBefore);

    await performAction(t.db, { complaintId: local.id, action: "dispose", party: coord, input: { opdCode: "DISDUKCAPIL" }, now: new Date() });
    await performAction(t.db, { complaintId: local.id, action: "accept", party: officer, input: {}, now: new Date() });
    await performAction(t.db, { complaintId: local.id, action: "respond", party: officer, input: { message: "Jalan sudah kami tambal pagi ini." }, now: new Date() });
    sim.setFaults({ lostResponseRate: 1 });
    expect(await drain()).toMatchObject({ delivered: 1, retried: 1 });
    sim.setFaults({ lostResponseRate: 0 });
    const answers = sim.store.followupsOf(Number(local.laporId));
    expect(answers).toHaveLength(1);
    expect(answers[0]!.content).toContain("Jalan sudah kami tambal pagi ini.");
    const [row] = await t.db.select().from(outbox).where(and(eq(outbox.complaintId, local.id), eq(outbox.topic, "lapor.followup")));
    expect(row).toMatchObject({ status: "done", result: { laporFollowupId: String(answers[0]!.id), via: "found_in_lapor" } });
  });

  it("forwards a complaint that is not the city's to the mapped institution in LAPOR", async () => {
    const lc = sim.store.createDisposed({});
    await poll();
    const local = (await byLapor(lc.id))!;
    await performAction(t.db, { complaintId: local.id, action: "forward", party: coord, input: { externalCode: "BPBATAM", note: "Lahan kewenangan BP Batam." }, now: new Date() });
    expect(await drain()).toMatchObject({ delivered: 1 });
    expect(sim.store.received.filter((x) => x.call === "reject").map((x) => x.fields.reason)).toEqual(["9001"]);
    expect(lc.status_code).toBe(6);
  });

  it("waits on 429 without spending attempts, halts the channel on 401, and reports health", async () => {
    expect(await laporHealth(t.db)).toBe("ok");
    await intakeComplaint(t.db, { raw: validComplaint(), channel: "sms", region: "BTM", now: new Date() });
    sim.setFaults({ rateLimitRate: 1, retryAfterSeconds: 9 });
    await drain();
    const [item] = await t.db.select().from(outbox).where(and(eq(outbox.status, "pending"), inArray(outbox.topic, TOPICS)));
    expect(item!.attempts).toBe(0);
    expect(item!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 5000);
    sim.setFaults({ rateLimitRate: 0, unauthorized: true });
    await makeDue();
    await drain();
    expect((await t.db.select().from(channelHalts)).map((h) => h.channel)).toEqual(["lapor"]);
    expect(await laporHealth(t.db)).toBe("degraded");
    sim.setFaults({ unauthorized: false });
    setLaporConfig(null);
    expect(await laporHealth(t.db)).toBe("disabled");
    setLaporConfig(cfg());
  });

  it("a successful poll clears a channel halted on 401: health shows the recovery", async () => {
    await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: new Date() });
    sim.setFaults({ unauthorized: true });
    await drain();
    expect(await runPeriodicNow(t.db, LAPOR_POLL_JOB)).toBe(true);
    expect((await t.db.select().from(channelHalts)).map((h) => h.channel)).toEqual(["lapor"]);
    expect(await laporHealth(t.db)).toBe("degraded");
    // LAPOR takes the token again; no delivery is due yet (the item waits for its probe time).
    sim.setFaults({ unauthorized: false });
    expect(await runPeriodicNow(t.db, LAPOR_POLL_JOB)).toBe(true);
    expect(await t.db.select().from(channelHalts)).toEqual([]);
    expect(await laporHealth(t.db)).toBe("ok");
    await makeDue();
    expect(await drain()).toMatchObject({ delivered: 1, dead: 0 });
    expect(sim.store.received.filter((r) => r.call === "create")).toHaveLength(1);
  });

  it("starts the very first poll at LAPOR_POLL_SINCE rather than at LAPOR's beginning", async () => {
    await t.db.update(jobLeases).set({ state: {} }).where(eq(jobLeases.name, LAPOR_POLL_JOB));
    const old = sim.store.createDisposed({});
    old.created_at = old.updated_at = new Date("2025-06-01T03:00:00Z");
    const recent = sim.store.createDisposed({});
    setLaporConfig({ ...cfg(), pollSince: new Date("2026-01-01T00:00:00+07:00") });
    try {
      expect(await runPeriodicNow(t.db, LAPOR_POLL_JOB)).toBe(true);
    } finally {
      setLaporConfig(cfg());
    }
    expect(await byLapor(recent.id)).toBeDefined();
    expect(await byLapor(old.id)).toBeUndefined();
    const [row] = await t.db.select().from(jobLeases).where(eq(jobLeases.name, LAPOR_POLL_JOB));
    expect(row!.state.last).toMatchObject({ seen: 1, created: 1 });
  });

  it("runs as the worker's periodic job, keeping a watermark", async () => {
    sim.store.createDisposed({});
    expect(await runPeriodicNow(t.db, LAPOR_POLL_JOB)).toBe(true);
    const [row] = await t.db.select().from(jobLeases).where(eq(jobLeases.name, LAPOR_POLL_JOB));
    expect(Date.parse(String(row!.state.watermark))).toBeGreaterThan(Date.now() - 60_000);
    expect(await byLapor(sim.store.disposed("2171", null)[0]!.id)).toBeDefined();
  });
});
