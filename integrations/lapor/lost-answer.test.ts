/**
 * Issue 18: LAPOR gets each of Pintu's writes exactly once, whatever shape LAPOR's payloads take.
 * For every payload variant the simulator knows × every write (create, follow-up, forward), LAPOR
 * stores the write and loses its answer; the retry must find it instead of sending it again.
 * When what LAPOR holds cannot be read at all, nothing is sent: the item is held and shown.
 * Then the whole round trip under every variant with 20 % random faults on top.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { heldItems, integrationOverview } from "@/db/queries/lapor-ops";
import { retryDeadLetters } from "@/server/lapor-ops";
import { complaints, outbox } from "@/db/schema";
import { laporQuarantine } from "@/db/schema-lapor";
import { testDatabases } from "@/test/databases";
import { NO_FAULTS, VARIANTS, WRITE_CALLS, type Variant, type WriteCall } from "@/lapor-sim/faults";
import { intakeComplaint } from "@/server/intake";
import { openLaporHarness, type LaporHarness } from "@/test/lapor-harness";
import { validComplaint, testActor } from "@/test/fixtures";

const TOPIC: Record<WriteCall, string> = { create: "lapor.create_complaint", followup: "lapor.followup", forward: "lapor.forward" };
/** The simulator's name for each write in its log of received calls. */
const RECEIVED: Record<WriteCall, string> = { create: "create", followup: "followup", forward: "reject" };
const only = (name: keyof Variant | null): Variant => ({ ...NO_FAULTS.variant, ...(name ? { [name]: true } : {}) });

describe.each(testDatabases())("LAPOR gets each write once, on $name", (backend) => {
  let h: LaporHarness;
  beforeAll(async () => {
    h = await openLaporHarness(backend);
  });
  afterAll(() => h?.close());
  beforeEach(async () => {
    h.sim.store.reset();
    h.sim.setFaults({ ...NO_FAULTS });
    await h.settle();
    await h.t.db.delete(laporQuarantine);
  });

  /** A complaint with a waiting `call` delivery: a web complaint (create), or one LAPOR disposed, answered or forwarded. */
  async function waitingItem(call: WriteCall): Promise<{ complaintId: number }> {
    if (call === "create") {
      const r = await intakeComplaint(h.t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: new Date() });
      return { complaintId: r.complaintId! };
    }
    const lc = h.sim.store.createDisposed({ reporter: { name: "Warga", phone: "081234567890", email: null } });
    expect(await h.poll()).toMatchObject({ created: 1, quarantined: 0, failed: 0 });
    const local = (await h.byLapor(lc.id))!;
    if (call === "forward") {
      await h.act(local.id, "forward", h.coord, { externalCode: "BPBATAM", note: "Lahan kewenangan BP Batam." });
    } else {
      await h.act(local.id, "dispose", h.coord, { opdCode: "DISDUKCAPIL" });
      await h.act(local.id, "accept", h.officer);
      await h.act(local.id, "respond", h.officer, { message: "Sudah kami tindak lanjuti di lokasi." });
    }
    return { complaintId: local.id };
  }

  const writes = (call: WriteCall) => h.sim.store.received.filter((r) => r.call === RECEIVED[call]);

  for (const variant of [null, ...VARIANTS]) {
    for (const call of WRITE_CALLS) {
      it(`${variant ?? "plain v3"} · ${call}: the answer is lost, the retry finds the write, LAPOR has it once`, async () => {
        h.sim.setFaults({ variant: only(variant) });
        const { complaintId } = await waitingItem(call);
        h.sim.setFaults({ loseAnswerOf: { ...NO_FAULTS.loseAnswerOf, [call]: 1 } });
        expect(await h.drain()).toMatchObject({ delivered: 1, dead: 0 });
        expect(writes(call)).toHaveLength(1);
        const row = (await h.itemOf(complaintId, TOPIC[call]))!;
        expect(row).toMatchObject({ status: "done", result: { via: "found_in_lapor" } });
        expect(row.attempts).toBeGreaterThanOrEqual(2);
        if (call === "create") expect((await h.t.db.select().from(complaints).where(eq(complaints.id, complaintId)))[0]!.laporId).toBe(String(writes(call)[0]!.complaintId));
        if (call === "followup") expect(row.result).toMatchObject({ laporFollowupId: String(h.sim.store.followups.find((f) => f.author_type === "institution")!.id) });
        // Nothing Pintu needed was unreadable.
        expect(await h.t.db.select().from(laporQuarantine)).toEqual([]);
      });
    }
  }

  it.each(WRITE_CALLS)("%s: while LAPOR's listing cannot be read the item is held (shown, nothing sent), then found once readable", async (call) => {
    h.sim.setFaults({ variant: only("statusNames") });
    const { complaintId } = await waitingItem(call);
    // The first attempt writes (no read); every later one must read first, and cannot.
    h.sim.setFaults({ loseAnswerOf: { ...NO_FAULTS.loseAnswerOf, [call]: 1 }, unreadableReads: true });
    await h.drain(3);
    const row = (await h.itemOf(complaintId, TOPIC[call]))!;
    expect(row.status).toBe("pending");
    expect(row.lastError).toMatch(/^held: cannot tell whether LAPOR already has it/);
    expect((await heldItems(h.t.db)).map((i) => i.id)).toEqual([row.id]);
    expect((await integrationOverview(h.t.db, new Date())).held).toBe(1);
    expect(writes(call)).toHaveLength(1);
    h.sim.setFaults({ unreadableReads: false });
    await h.makeDue();
    expect(await h.drain()).toMatchObject({ delivered: 1, dead: 0 });
    expect(writes(call)).toHaveLength(1);
    expect(await heldItems(h.t.db)).toEqual([]);
  });

  it("a forward whose status LAPOR names in a way Pintu does not know, and that LAPOR does not list, is held", async () => {
    const { complaintId } = await waitingItem("forward");
    h.sim.setFaults({ loseAnswerOf: { ...NO_FAULTS.loseAnswerOf, forward: 1 }, variant: only("statusNames"), unreadableReads: true });
    await h.drain(1);
    const local = (await h.t.db.select().from(complaints).where(eq(complaints.id, complaintId)))[0]!;
    const inLapor = h.sim.store.complaints.get(Number(local.laporId))!;
    inLapor.status_code = 9; // written as "9": no status LAPOR names
    h.sim.store.followups = h.sim.store.followups.filter((f) => f.complaint_id !== inLapor.id);
    h.sim.setFaults({ unreadableReads: false });
    await h.makeDue();
    await h.drain(2);
    expect((await h.itemOf(complaintId, TOPIC.forward))!.lastError).toMatch(/^held: cannot tell whether LAPOR already forwarded it/);
    expect(writes("forward")).toHaveLength(1);
  });

  it("a dead letter a person retries looks in LAPOR first: the answer that got through is not sent again", async () => {
    const { complaintId } = await waitingItem("followup");
    h.sim.setFaults({ loseAnswerOf: { ...NO_FAULTS.loseAnswerOf, followup: 1 } });
    expect(await h.drain(1, { maxAttempts: 1 })).toMatchObject({ dead: 1 });
    const row = (await h.itemOf(complaintId, TOPIC.followup))!;
    expect(await retryDeadLetters(h.t.db, { ids: [row.id], actor: testActor(1), now: new Date() })).toBe(1);
    expect(await h.drain()).toMatchObject({ delivered: 1 });
    expect(writes("followup")).toHaveLength(1);
    expect((await h.itemOf(complaintId, TOPIC.followup))!.result).toMatchObject({ via: "found_in_lapor" });
  });

  it.each([null, ...VARIANTS])("round trip under %s with 20 %% random faults: every answer reaches LAPOR exactly once", async (variant) => {
    h.sim.setFaults({ variant: only(variant) });
    const disposed = Array.from({ length: 4 }, (_, n) => h.sim.store.createDisposed({ n, reporter: n === 0 ? null : { name: `Warga ${n}`, phone: "081234567890", email: null }, is_anonymous: n === 0 }));
    const web = await intakeComplaint(h.t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: new Date() });
    h.sim.setFaults({ errorRate: 0.2, lostResponseRate: 0.2, rateLimitRate: 0.05, retryAfterSeconds: 0 });
    await h.poll(20);
    await h.drain(60); // the web complaint reaches LAPOR (once) before it can be answered there
    const locals = [...(await Promise.all(disposed.map((d) => h.byLapor(d.id)))), (await h.t.db.select().from(complaints).where(eq(complaints.id, web.complaintId!)))[0]];
    for (const c of locals) {
      expect(c?.laporId).toBeTruthy();
      await h.act(c!.id, "dispose", h.coord, { opdCode: "DISDUKCAPIL" });
      await h.act(c!.id, "accept", h.officer);
      await h.act(c!.id, "respond", h.officer, { message: `Jawaban untuk ${c!.trackingCode}: sudah ditangani.` });
    }
    await h.drain(60);
    h.sim.setFaults({ errorRate: 0, lostResponseRate: 0, rateLimitRate: 0 });
    const rows = await h.t.db.select().from(outbox).where(and(eq(outbox.topic, "lapor.followup"), inArray(outbox.complaintId, locals.map((c) => c!.id))));
    expect(rows.map((r) => [r.status, r.lastError])).toEqual(locals.map(() => ["done", null]));
    for (const c of locals) {
      const answers = h.sim.store.followupsOf(Number(c!.laporId)).filter((f) => f.author_type === "institution");
      expect(answers.map((a) => a.content), c!.trackingCode).toEqual([expect.stringContaining(`Jawaban untuk ${c!.trackingCode}`)]);
    }
    expect(h.sim.store.received.filter((r) => r.call === "create")).toHaveLength(1);
    expect((await h.t.db.select().from(laporQuarantine)).map((q) => [q.source, q.reason, q.raw.slice(0, 300)])).toEqual([]);
  });
});
