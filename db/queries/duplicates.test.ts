import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel } from "@/domain/complaint-status";
import { complaints, outbox } from "@/db/schema";
import { drainOnce } from "@/queue/run";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { validComplaint, wib } from "@/test/fixtures";
import { intakeComplaint } from "@/server/intake";
import "@/jobs/topics";
import { duplicateCandidates } from "./duplicates";
import { listPage } from "./staff-list";

const DAY = 86_400_000;
const T0 = wib("2026-04-06 09:00");

/**
 * The suspected-duplicate flag is found just after intake: the intake statement queues a
 * `duplicates.flag` outbox row with the complaint, and the worker's handler (jobs/duplicates.ts,
 * run here through the worker's own `drainOnce`) stores it. The staff lists show it only while a
 * merge is still possible.
 */
describe.each(testDatabases())("suspected duplicates on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  let n = 0;
  const row = async (trackingCode: string) => (await t.db.select().from(complaints).where(eq(complaints.trackingCode, trackingCode)))[0]!;
  const flagJob = async (complaintId: number) => (await t.db.select().from(outbox).where(and(eq(outbox.topic, "duplicates.flag"), eq(outbox.complaintId, complaintId))))[0];
  /** What the worker does with the queued checks (and nothing else it might find queued). */
  const runWorker = () => drainOnce(t.db, { topics: ["duplicates.flag"], log: () => {} });
  /** Files a complaint (received at `at`, plus a millisecond per complaint filed), then lets the worker check it. */
  const file = async (fields: Record<string, unknown>, at: Date, exact = false) => {
    const r = await intakeComplaint(t.db, { raw: validComplaint(fields), channel: "web", region: "BTM", now: exact ? at : new Date(at.getTime() + ++n) });
    await runWorker();
    return row(r.trackingCode);
  };
  const flagged = async (code: string) => {
    const page = await listPage(t.db, { where: { statuses: null, flags: ["duplicate"], match: eq(complaints.trackingCode, code) }, sort: "age", page: {}, role: "coordinator", now: T0 });
    return page.rows[0]?.duplicateOf ?? null;
  };

  it("queues the check in the intake's own statement; the flag is stored once the worker has run it", async () => {
    const first = await file({ title: "Got mampet di depan Ruko Nagoya Hill 6120", kecamatan: "Lubuk Baja", kelurahan: "Kampung Pelita" }, wib("2026-08-03 08:00"));
    const r = await intakeComplaint(t.db, {
      raw: validComplaint({ title: "Got mampet depan Ruko Nagoya Hill 6120", kecamatan: "Lubuk Baja", kelurahan: "Kampung Pelita" }),
      channel: "web",
      region: "BTM",
      now: wib("2026-08-04 08:00"),
    });
    const queued = await row(r.trackingCode);
    expect(queued.suspectedDuplicateOfId).toBeNull();
    expect(await flagJob(queued.id)).toMatchObject({ status: "pending", payload: { complaintId: queued.id }, dedupeKey: `duplicates.flag:${queued.id}` });
    expect(await runWorker()).toEqual({ delivered: 1, retried: 0, dead: 0 });
    expect((await row(r.trackingCode)).suspectedDuplicateOfId).toBe(first.id);
    expect(await flagJob(queued.id)).toMatchObject({ status: "done", result: { duplicateOf: first.id, changed: true } });
  });

  it("stores the same value when the check runs again, even after newer look-alikes arrived, and then writes nothing", async () => {
    const fields = { title: "Genangan air di simpang Kabil 7302", kecamatan: "Nongsa", kelurahan: "Kabil" };
    const a = await file(fields, wib("2026-08-10 08:00"));
    const b = await file(fields, wib("2026-08-10 09:00"));
    const c = await file(fields, wib("2026-08-10 10:00"));
    expect([a.suspectedDuplicateOfId, b.suspectedDuplicateOfId, c.suspectedDuplicateOfId]).toEqual([null, a.id, a.id]);
    // The worker runs every check again (as after a lost lease): nothing moves, nothing is written.
    const jobs = [a, b, c].map((x) => x.id);
    for (const id of jobs) await t.db.update(outbox).set({ status: "pending", nextAttemptAt: new Date(0) }).where(and(eq(outbox.topic, "duplicates.flag"), eq(outbox.complaintId, id)));
    expect(await runWorker()).toEqual({ delivered: 3, retried: 0, dead: 0 });
    for (const x of [a, b, c]) {
      const again = await row(x.trackingCode);
      expect(again.suspectedDuplicateOfId).toBe(x.suspectedDuplicateOfId);
      expect(again.updatedAt).toEqual(x.updatedAt);
      expect(await flagJob(x.id)).toMatchObject({ status: "done", result: { duplicateOf: x.suspectedDuplicateOfId, changed: false } });
    }
  });

  it("flags only the later of two look-alikes received at the same instant (the smaller id counts as earlier)", async () => {
    const at = wib("2026-08-17 08:00");
    const fields = { title: "Kabel listrik menjuntai di Jl. Raja Ali Haji 8841", kecamatan: "Lubuk Baja", kelurahan: "Kampung Pelita" };
    const [r1, r2] = [
      await intakeComplaint(t.db, { raw: validComplaint(fields), channel: "web", region: "BTM", now: at }),
      await intakeComplaint(t.db, { raw: validComplaint(fields), channel: "web", region: "BTM", now: at }),
    ];
    await runWorker();
    const [one, two] = [await row(r1.trackingCode), await row(r2.trackingCode)];
    const [earlier, later] = one.id < two.id ? [one, two] : [two, one];
    expect(earlier.suspectedDuplicateOfId).toBeNull();
    expect(later.suspectedDuplicateOfId).toBe(earlier.id);
  });

  it("queues the check for a complaint of every channel (they all enter through the one intake statement)", async () => {
    const channels: Channel[] = ["web", "sms", "lapor", "walk_in", "phone", "letter", "email", "social", "open311"];
    const at = wib("2026-09-01 08:00");
    const filed = [];
    for (const [i, channel] of channels.entries()) {
      const r = await intakeComplaint(t.db, {
        raw: validComplaint({ title: "Jembatan kayu rapuh di Pulau Buluh 5150", kecamatan: "Bulang", kelurahan: "Pulau Buluh" }),
        channel,
        region: "BTM",
        now: new Date(at.getTime() + i * 60_000),
        ...(channel === "lapor" ? { lapor: { laporId: "LAPOR-DUP-1", trackingId: null } } : {}),
      });
      filed.push(await row(r.trackingCode));
    }
    for (const c of filed) expect(await flagJob(c.id)).toMatchObject({ status: "pending" });
    await runWorker();
    const [first, ...rest] = await Promise.all(filed.map((c) => row(c.trackingCode)));
    expect(first!.suspectedDuplicateOfId).toBeNull();
    for (const c of rest) expect(c.suspectedDuplicateOfId).toBe(first!.id);
  });

  it("flags a new complaint like an open one of the same kecamatan from the week before, and lists it under the filter", async () => {
    const first = await file({ title: "Saluran air tersumbat di Jl. Gajah Mada 7781", kecamatan: "Lubuk Baja", kelurahan: "Tanjung Uma" }, T0);
    const second = await file({ title: "Saluran air tersumbat Jl. Gajah Mada 7781", kecamatan: "Lubuk Baja", kelurahan: "Tanjung Uma" }, new Date(T0.getTime() + 3 * DAY));
    expect(first.suspectedDuplicateOfId).toBeNull();
    expect(second.suspectedDuplicateOfId).toBe(first.id);
    expect(await flagged(second.trackingCode)).toBe(first.trackingCode);
    // The older complaint is not flagged: it is the one the newer would be merged into.
    expect(await flagged(first.trackingCode)).toBeNull();
  });

  it("does not flag across kecamatan, past the week, or below the similarity threshold", async () => {
    const base = await file({ title: "Lampu PJU padam sepanjang Jl. Sudirman 5521", kecamatan: "Batam Kota", kelurahan: "Baloi Permai" }, T0);
    const elsewhere = await file({ title: "Lampu PJU padam sepanjang Jl. Sudirman 5521", kecamatan: "Sekupang", kelurahan: "Tiban Indah" }, new Date(T0.getTime() + DAY));
    const later = await file({ title: "Lampu PJU padam sepanjang Jl. Sudirman 5521", kecamatan: "Batam Kota", kelurahan: "Baloi Permai" }, new Date(T0.getTime() + 8 * DAY));
    const unlike = await file({ title: "Pungutan liar di pasar ikan", kecamatan: "Batam Kota", kelurahan: "Baloi Permai" }, new Date(T0.getTime() + DAY));
    expect(elsewhere.suspectedDuplicateOfId).toBeNull();
    expect(unlike.suspectedDuplicateOfId).toBeNull();
    // Eight days on, `base` is out of the window — but `elsewhere` is not in this kecamatan either.
    expect(later.suspectedDuplicateOfId).toBeNull();
    expect(base.suspectedDuplicateOfId).toBeNull();
  });

  it("compares a complaint without a kecamatan with every open one of the week", async () => {
    const placed = await file({ title: "Pohon tumbang menutup jalan Bengkong 3310", kecamatan: "Bengkong", kelurahan: "Sadai" }, wib("2026-05-04 08:00"));
    const unplaced = await file({ title: "Pohon tumbang menutup jalan Bengkong 3310", kecamatan: undefined, kelurahan: undefined }, wib("2026-05-05 08:00"));
    expect(unplaced.kecamatanId).toBeNull();
    expect(unplaced.suspectedDuplicateOfId).toBe(placed.id);
  });

  it("compares side by side while other queries run (PGlite with btree_gin loaded hung its process here)", async () => {
    const a = await file({ title: "Trotoar rusak di depan pasar Aviari 4410", kecamatan: "Batu Aji", kelurahan: "Buliang" }, wib("2026-07-01 08:00"));
    const [, , candidates] = await Promise.all([
      t.db.select().from(complaints).where(eq(complaints.id, a.id)),
      listPage(t.db, { where: { statuses: null, flags: [] }, sort: "newest", page: {}, role: "coordinator", now: T0 }),
      duplicateCandidates(t.db, { ...a, id: -1 }),
      t.db.select().from(complaints).where(eq(complaints.kecamatanId, a.kecamatanId!)),
    ]);
    expect(candidates.map((c) => c.trackingCode)).toContain(a.trackingCode);
  });

  it("stops showing the flag once the other complaint is closed or merged, or this one is merged", async () => {
    const a = await file({ title: "Sampah menumpuk di pasar Jodoh 9001", kecamatan: "Batu Ampar", kelurahan: "Kampung Seraya" }, wib("2026-06-01 08:00"));
    const b = await file({ title: "Sampah menumpuk di pasar Jodoh 9001", kecamatan: "Batu Ampar", kelurahan: "Kampung Seraya" }, wib("2026-06-02 08:00"));
    expect(await flagged(b.trackingCode)).toBe(a.trackingCode);
    await t.db.update(complaints).set({ status: "closed" }).where(eq(complaints.id, a.id));
    expect(await flagged(b.trackingCode)).toBeNull();
    await t.db.update(complaints).set({ status: "received" }).where(eq(complaints.id, a.id));
    await t.db.update(complaints).set({ primaryId: a.id, status: "archived" }).where(eq(complaints.id, b.id));
    expect(await flagged(b.trackingCode)).toBeNull();
  });
});
