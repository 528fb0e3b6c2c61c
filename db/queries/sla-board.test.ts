import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, complaintEvents, complaints, holidays, kecamatan, opds } from "@/db/schema";
import { slaFacts } from "@/db/schema-sla-stats";
import { testDatabases, type TestDatabase } from "@/test/databases";
import type { Channel, ComplaintStatus } from "@/domain/complaint-status";
import { wib } from "@/test/fixtures";
import { figuresByOpd, monthlyTrend, openComplaints, openOverview, openStatesByOpd, type PeriodScope } from "./sla-board";
import { publicStats, yearsWithComplaints } from "./public-stats";
import { refreshSlaFacts } from "./sla-facts";

// A Monday; 2026-09 has no national holiday, the test adds one on Wednesday 23rd.
const NOW = wib("2026-09-21 10:00");
const TZ = "Asia/Jakarta";
const SEPT_1_TO_12: Pick<PeriodScope, "start" | "end" | "timeZone"> = { start: wib("2026-09-01 00:00"), end: wib("2026-09-13 00:00"), timeZone: TZ };

type Fixture = {
  code: string;
  opd: "A" | "B" | null;
  channel?: Channel;
  status: ComplaintStatus;
  created: string;
  verified?: string;
  verificationDue?: string;
  firstResponseDue?: string;
  firstResponded?: string;
  resolutionDue?: string;
  /** At-risk moments (80 % of the clock's working time, on the calendar with the Wednesday 23rd holiday). */
  verificationRisk?: string;
  firstResponseRisk?: string;
  resolutionRisk?: string;
  responded?: string;
  bounces?: number;
  rating?: number;
  kecamatan?: "Batam Kota" | "Sekupang";
};

/**
 * Hand-computed fixture (hours from receipt): A = DISDUKCAPIL, B = BINAMARGA. In 1–12 September:
 * C1 A all met (24/48/168 h, rating 5) · C2 A verification late (144 h), first response late
 * (336 h), resolution overdue, 1 bounce · C3 B archived after 3 h · C4 B verified in 24 h, first
 * response and resolution still running, 2 bounces · C5 no OPD, verification overdue · C7 B all
 * met (1/72/72 h, rating 2). C6 is in August. C8–C11 arrive later and are open at NOW.
 */
const FIXTURES: Fixture[] = [
  { code: "BTM-SLAC0001", opd: "A", status: "closed", created: "2026-09-01 09:00", verified: "2026-09-02 09:00", verificationDue: "2026-09-04 09:00", firstResponseDue: "2026-09-09 09:00", firstResponded: "2026-09-03 09:00", resolutionDue: "2026-09-21 09:00", responded: "2026-09-08 09:00", rating: 5, kecamatan: "Batam Kota" },
  { code: "BTM-SLAC0002", opd: "A", channel: "sms", status: "in_progress", created: "2026-09-02 09:00", verified: "2026-09-08 09:00", verificationDue: "2026-09-07 09:00", firstResponseDue: "2026-09-15 09:00", firstResponded: "2026-09-16 09:00", resolutionDue: "2026-09-18 09:00", resolutionRisk: "2026-09-15 13:48", bounces: 1 },
  { code: "BTM-SLAC0003", opd: "B", status: "archived", created: "2026-09-03 09:00", verified: "2026-09-03 12:00", verificationDue: "2026-09-08 09:00" },
  { code: "BTM-SLAC0004", opd: "B", channel: "walk_in", status: "in_progress", created: "2026-09-10 09:00", verified: "2026-09-11 09:00", verificationDue: "2026-09-15 09:00", firstResponseDue: "2026-09-25 09:00", firstResponseRisk: "2026-09-24 09:00", resolutionDue: "2026-10-05 09:00", resolutionRisk: "2026-09-30 13:48", bounces: 2 },
  { code: "BTM-SLAC0005", opd: null, status: "received", created: "2026-09-11 09:00", verificationDue: "2026-09-16 09:00", verificationRisk: "2026-09-15 18:36" },
  { code: "BTM-SLAC0006", opd: "A", status: "closed", created: "2026-08-20 09:00", verified: "2026-08-20 10:00", verificationDue: "2026-08-25 09:00", firstResponseDue: "2026-08-27 09:00", firstResponded: "2026-08-21 09:00", resolutionDue: "2026-09-07 09:00", responded: "2026-08-21 09:00", rating: 1 },
  { code: "BTM-SLAC0007", opd: "B", channel: "phone", status: "closed", created: "2026-09-04 09:00", verified: "2026-09-04 10:00", verificationDue: "2026-09-09 09:00", firstResponseDue: "2026-09-11 09:00", firstResponded: "2026-09-07 09:00", resolutionDue: "2026-09-24 09:00", responded: "2026-09-07 09:00", rating: 2, kecamatan: "Batam Kota" },
  // Open at NOW: first response due in one hour (at risk).
  { code: "BTM-SLAC0008", opd: "B", status: "disposed", created: "2026-09-14 10:00", verified: "2026-09-14 11:00", verificationDue: "2026-09-17 10:00", firstResponseDue: "2026-09-21 11:00", firstResponseRisk: "2026-09-18 11:00", resolutionDue: "2026-10-02 11:00", resolutionRisk: "2026-09-29 15:48" },
  // Resolution due Thursday 10:00: 3 working days left, only 2 with the Wednesday holiday (≤ 20 % of 14):
  // at risk since Friday 14:48 (2.8 working days before the deadline, the holiday and weekend left out).
  { code: "BTM-SLAC0009", opd: "B", status: "in_progress", created: "2026-09-16 10:00", verified: "2026-09-16 11:00", verificationDue: "2026-09-21 10:00", firstResponseDue: "2026-09-23 11:00", firstResponded: "2026-09-17 10:00", resolutionDue: "2026-09-24 10:00", resolutionRisk: "2026-09-18 14:48" },
  { code: "BTM-SLAC0010", opd: "A", status: "awaiting_reporter", created: "2026-09-17 09:00", verified: "2026-09-17 10:00", verificationDue: "2026-09-22 09:00", firstResponseDue: "2026-09-18 09:00", resolutionDue: "2026-09-19 09:00" },
  // Responded: no clock of the OPD runs, so its past deadline is not a breach.
  { code: "BTM-SLAC0011", opd: "A", status: "responded", created: "2026-09-17 09:00", verified: "2026-09-17 10:00", verificationDue: "2026-09-22 09:00", firstResponseDue: "2026-09-01 09:00", firstResponded: "2026-09-18 09:00", resolutionDue: "2026-09-01 09:00", responded: "2026-09-18 09:00" },
];

describe.each(testDatabases())("SLA board figures on $name", (backend) => {
  let t: TestDatabase;
  const ids: Record<string, number> = {};
  let opdA = 0;
  let opdB = 0;
  let batamKota = 0;

  beforeAll(async () => {
    t = await backend.open();
    const opd = async (code: string) => (await t.db.select({ id: opds.id }).from(opds).where(eq(opds.code, code)))[0]!.id;
    opdA = await opd("DISDUKCAPIL");
    opdB = await opd("BINAMARGA");
    const kec = async (name: string) => (await t.db.select({ id: kecamatan.id }).from(kecamatan).where(eq(kecamatan.name, name)))[0]!.id;
    batamKota = await kec("Batam Kota");
    const sekupang = await kec("Sekupang");
    const [jalan] = await t.db.select({ id: categories.id }).from(categories).where(eq(categories.code, "JALAN"));
    await t.db.insert(holidays).values({ day: "2026-09-23", name: "Libur uji", kind: "local" }).onConflictDoNothing();
    const at = (s?: string) => (s ? wib(s) : null);
    for (const f of FIXTURES) {
      const [row] = await t.db
        .insert(complaints)
        .values({
          trackingCode: f.code,
          channel: f.channel ?? "web",
          title: `Uji ${f.code}`,
          body: "Data uji papan SLA.",
          categoryId: jalan!.id,
          kecamatanId: f.kecamatan === "Batam Kota" ? batamKota : sekupang,
          status: f.status,
          opdId: f.opd === "A" ? opdA : f.opd === "B" ? opdB : null,
          accessKeyHash: "x",
          bounceCount: f.bounces ?? 0,
          rating: f.rating ?? null,
          verificationDue: at(f.verificationDue),
          firstResponseDue: at(f.firstResponseDue),
          firstRespondedAt: at(f.firstResponded),
          resolutionDue: at(f.resolutionDue),
          verificationRiskAt: at(f.verificationRisk),
          firstResponseRiskAt: at(f.firstResponseRisk),
          resolutionRiskAt: at(f.resolutionRisk),
          respondedAt: at(f.responded),
          createdAt: wib(f.created),
          updatedAt: wib(f.created),
        })
        .returning({ id: complaints.id });
      ids[f.code] = row!.id;
      if (f.verified) {
        const action = f.status === "archived" ? "archive" : "dispose";
        await t.db.insert(complaintEvents).values({ complaintId: row!.id, at: wib(f.verified), action, actorRole: "coordinator", fromStatus: "received", toStatus: f.status === "archived" ? "archived" : "disposed" });
        // A later re-disposition does not move the end of the verification clock.
        if (f.bounces) await t.db.insert(complaintEvents).values({ complaintId: row!.id, at: wib("2026-09-12 09:00"), action: "redispose", actorRole: "coordinator", fromStatus: "disposed", toStatus: "disposed" });
      }
    }
    await refreshSlaFacts(t.db, NOW, "Asia/Jakarta");
  });
  afterAll(() => t?.dispose());

  it("counts on-time rates, medians, bounces and ratings per OPD and in total", async () => {
    const { total, byOpd } = await figuresByOpd(t.db, SEPT_1_TO_12);
    expect(total).toEqual({
      complaints: 6,
      met: { verification: 4, firstResponse: 2, resolution: 2 },
      counted: { verification: 6, firstResponse: 3, resolution: 3 },
      medianHours: { verification: 24, firstResponse: 72, resolution: 120 },
      bounces: 3,
      ratingSum: 7,
      ratings: 2,
    });
    const of = (id: number | null) => byOpd.find((r) => r.opdId === id)?.figures;
    expect(of(opdA)).toEqual({
      complaints: 2,
      met: { verification: 1, firstResponse: 1, resolution: 1 },
      counted: { verification: 2, firstResponse: 2, resolution: 2 },
      medianHours: { verification: 84, firstResponse: 192, resolution: 168 },
      bounces: 1,
      ratingSum: 5,
      ratings: 1,
    });
    expect(of(opdB)).toEqual({
      complaints: 3,
      met: { verification: 3, firstResponse: 1, resolution: 1 },
      counted: { verification: 3, firstResponse: 1, resolution: 1 },
      medianHours: { verification: 3, firstResponse: 72, resolution: 72 },
      bounces: 2,
      ratingSum: 2,
      ratings: 1,
    });
    expect(of(null)).toEqual({
      complaints: 1,
      met: { verification: 0, firstResponse: 0, resolution: 0 },
      counted: { verification: 1, firstResponse: 0, resolution: 0 },
      medianHours: { verification: null, firstResponse: null, resolution: null },
      bounces: 0,
      ratingSum: 0,
      ratings: 0,
    });
    expect(byOpd).toHaveLength(3);
  });

  it("applies the channel, area and OPD filters", async () => {
    const web = (await figuresByOpd(t.db, { ...SEPT_1_TO_12, channel: "web" })).total;
    expect(web.complaints).toBe(3); // C1, C3, C5
    expect([web.met.verification, web.counted.verification]).toEqual([2, 3]);
    const area = (await figuresByOpd(t.db, { ...SEPT_1_TO_12, kecamatanId: batamKota })).total;
    expect([area.complaints, area.ratingSum, area.ratings, area.medianHours.verification]).toEqual([2, 7, 2, 12.5]);
    const b = await figuresByOpd(t.db, { ...SEPT_1_TO_12, opdId: opdB });
    expect(b.byOpd.map((r) => r.opdId)).toEqual([opdB]);
    expect(b.total.complaints).toBe(3);
  });

  it("gives the monthly trend of volume and on-time counts", async () => {
    const trend = await monthlyTrend(t.db, { start: wib("2026-08-01 00:00"), end: wib("2026-09-13 00:00"), timeZone: TZ });
    expect(trend).toEqual([
      { month: "2026-08-01", complaints: 1, met: { verification: 1, firstResponse: 1, resolution: 1 }, counted: { verification: 1, firstResponse: 1, resolution: 1 } },
      { month: "2026-09-01", complaints: 6, met: { verification: 4, firstResponse: 2, resolution: 2 }, counted: { verification: 6, firstResponse: 3, resolution: 3 } },
    ]);
  });

  it("classifies open complaints by their worst running clock, on the working calendar", async () => {
    const { total, byOpd } = await openStatesByOpd(t.db, {}, NOW);
    expect(total).toEqual({ on_track: 1, at_risk: 2, breached: 2, paused: 1 });
    expect(byOpd.get(opdA)).toEqual({ on_track: 0, at_risk: 0, breached: 1, paused: 1 });
    expect(byOpd.get(opdB)).toEqual({ on_track: 1, at_risk: 2, breached: 0, paused: 0 });
    expect(byOpd.get(null)).toEqual({ on_track: 0, at_risk: 0, breached: 1, paused: 0 });
    expect((await openStatesByOpd(t.db, { opdId: opdB }, NOW)).byOpd.has(opdA)).toBe(false);
  });

  it("lists breached complaints latest first, with the clock and how late", async () => {
    const rows = await openComplaints(t.db, {}, NOW, { state: "breached", limit: 10 });
    expect(rows.map((r) => [r.trackingCode, r.clock, r.lateHours])).toEqual([
      ["BTM-SLAC0005", "verification", 5 * 24 + 1],
      ["BTM-SLAC0002", "resolution", 3 * 24 + 1],
    ]);
    // The board's one-scan overview gives the same states and breached list.
    for (const scope of [{}, { opdId: opdA }, { opdId: null }]) {
      const overview = await openOverview(t.db, scope, NOW, 1);
      expect({ total: overview.total, byOpd: overview.byOpd }).toEqual(await openStatesByOpd(t.db, scope, NOW));
      expect(overview.breached).toEqual(await openComplaints(t.db, scope, NOW, { state: "breached", limit: 1 }));
    }
    expect((await openOverview(t.db, {}, NOW, 10)).breached).toEqual(rows);
    const risky = await openComplaints(t.db, { opdId: opdB }, NOW, { state: "at_risk", limit: 10 });
    expect(risky.map((r) => [r.trackingCode, r.clock])).toEqual([
      ["BTM-SLAC0008", "firstResponse"],
      ["BTM-SLAC0009", "resolution"],
    ]);
  });

  it("breaks public figures down by OPD, category, kecamatan, month and channel in one pass", async () => {
    const stats = await publicStats(t.db, wib("2026-08-01 00:00"), SEPT_1_TO_12.end);
    expect(stats.total.complaints).toBe(7);
    expect(stats.total.ratingSum).toBe(8);
    const get = (d: keyof typeof stats.by, key: string | null) => stats.by[d].find((r) => r.key === key)?.figures;
    expect(get("month", "2026-08-01")?.complaints).toBe(1);
    expect(get("month", "2026-09-01")?.counted.verification).toBe(6);
    expect(get("opd", String(opdA))?.complaints).toBe(3);
    expect(get("opd", String(opdA))?.medianHours.verification).toBe(24); // 1, 24, 144
    expect(get("opd", null)?.complaints).toBe(1);
    expect(get("channel", "web")?.complaints).toBe(4);
    expect(get("channel", "sms")?.met.firstResponse).toBe(0);
    expect(get("kecamatan", String(batamKota))?.complaints).toBe(2);
    expect(stats.by.category).toHaveLength(1);
    expect(stats.by.category[0]!.figures.complaints).toBe(7);
    expect(await yearsWithComplaints(t.db)).toEqual([2026]);
  });

  it("refreshes changed complaints and re-evaluates running clocks once they fall due", async () => {
    const state = await refreshSlaFacts(t.db, NOW, "Asia/Jakarta");
    const fact = async (code: string) => (await t.db.select().from(slaFacts).where(eq(slaFacts.complaintId, ids[code]!)))[0]!;
    expect((await fact("BTM-SLAC0004")).firstResponseOutcome).toBe(0);
    expect((await fact("BTM-SLAC0004")).recheckAt?.toISOString()).toBe(wib("2026-09-25 09:00").toISOString());

    // Nothing touches C4; its first-response deadline passes.
    const later = wib("2026-09-26 10:00");
    const next = await refreshSlaFacts(t.db, later, "Asia/Jakarta", state);
    expect((await fact("BTM-SLAC0004")).firstResponseOutcome).toBe(3);

    // C8 gets its first response (a change stamps updated_at), late.
    await t.db.update(complaints).set({ firstRespondedAt: wib("2026-09-22 09:00"), updatedAt: later }).where(eq(complaints.id, ids["BTM-SLAC0008"]!));
    await refreshSlaFacts(t.db, later, "Asia/Jakarta", { ...next, since: wib("2026-09-26 09:00").toISOString() });
    expect((await fact("BTM-SLAC0008")).firstResponseOutcome).toBe(2);
    // The daily summary of C8's day followed the change.
    const day14 = (await figuresByOpd(t.db, { start: wib("2026-09-14 00:00"), end: wib("2026-09-15 00:00"), timeZone: TZ })).total;
    expect([day14.complaints, day14.met.firstResponse, day14.counted.firstResponse, day14.medianHours.firstResponse]).toEqual([1, 0, 1, 191]);
  });

  it("gives the same figures from the daily summary as from the facts", async () => {
    const [jalan] = await t.db.select({ id: categories.id }).from(categories).where(eq(categories.code, "JALAN"));
    // Two of category, area and channel at once: read from sla_facts; one of them: from sla_daily.
    for (const channel of ["web", "sms", "phone"] as const) {
      const viaFacts = await figuresByOpd(t.db, { ...SEPT_1_TO_12, channel, categoryId: jalan!.id });
      const viaDaily = await figuresByOpd(t.db, { ...SEPT_1_TO_12, channel });
      expect(viaDaily).toEqual(viaFacts);
    }
    const offMidnight = { start: new Date(SEPT_1_TO_12.start.getTime() - 1), end: new Date(SEPT_1_TO_12.end.getTime() + 1), timeZone: TZ };
    expect(await figuresByOpd(t.db, SEPT_1_TO_12)).toEqual(await figuresByOpd(t.db, offMidnight));
    expect(await monthlyTrend(t.db, SEPT_1_TO_12)).toEqual(await monthlyTrend(t.db, offMidnight));
  });
});
