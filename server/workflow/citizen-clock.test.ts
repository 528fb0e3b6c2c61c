import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openShareStates, shareFiguresByOpd } from "@/db/queries/opd-clocks";
import { publicStats } from "@/db/queries/public-stats";
import { refreshSlaFacts } from "@/db/queries/sla-facts";
import { complaints, opds } from "@/db/schema";
import { opdClocks } from "@/db/schema-sla";
import { testDatabases, type TestDatabase } from "@/test/databases";
import type { Role } from "@/domain/complaint-status";
import { clockWindow, slaPolicy } from "@/domain/sla";
import type { Action } from "@/domain/workflow";
import { validComplaint, wib } from "@/test/fixtures";
import { addStaff } from "@/test/staff";
import { intakeComplaint } from "@/server/intake";
import { reference } from "@/server/reference";
import { performAction, type ActingParty } from "./perform";

const iso = (local: string) => wib(local).toISOString();
const DAY = 86_400_000;

// Issue 19: a bounce never restarts the citizen's clock; each OPD's share has its own.
// March 2026: 18–24 March are days off (Nyepi, Idul Fitri and cuti bersama) in the seeded calendar.
describe.each(testDatabases())("the citizen's clock across hand-offs on $name", (backend) => {
  let t: TestDatabase;
  const staff: Record<string, ActingParty> = {};
  const opdId: Record<string, number> = {};
  const reporter: ActingParty = { kind: "reporter", channel: "web" };
  beforeAll(async () => {
    t = await backend.open();
    for (const code of ["BINAMARGA", "DISDUKCAPIL"]) opdId[code] = (await t.db.select({ id: opds.id }).from(opds).where(eq(opds.code, code)))[0]!.id;
    const make = async (email: string, role: Role, opd: string | null) => {
      staff[email] = await addStaff(t.db, email, role, opd);
    };
    await make("coord", "coordinator", null);
    await make("a", "opd_officer", "BINAMARGA");
    await make("b", "opd_officer", "DISDUKCAPIL");
  });
  afterAll(() => t?.dispose());

  const file = async (at: string) => (await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: wib(at) })).trackingCode;
  const act = (code: string, action: Action, party: ActingParty, at: string, input: Record<string, unknown> = {}) =>
    performAction(t.db, { trackingCode: code, action, party, input, now: wib(at) });
  const row = async (code: string) => (await t.db.select().from(complaints).where(eq(complaints.trackingCode, code)))[0]!;
  const shares = async (code: string) =>
    t.db.select().from(opdClocks).where(eq(opdClocks.complaintId, (await row(code)).id)).orderBy(asc(opdClocks.id));
  const opdWindow = async (at: string) => {
    const { calendar } = await reference(t.db);
    const p = slaPolicy(null);
    return { first: clockWindow(wib(at), p.firstResponse, calendar), resolution: clockWindow(wib(at), p.resolution, calendar) };
  };

  it("dispose to A, a pause, A returns after 5 working days, dispose to B: the citizen's deadline is the first one plus the pause", async () => {
    const code = await file("2026-03-02 10:00"); // Monday
    await act(code, "dispose", staff.coord!, "2026-03-03 10:00", { opdCode: "BINAMARGA" });
    const first = await row(code);
    // 14 working days from Tuesday 3 March, 18–24 March off.
    expect(first.resolutionDue?.toISOString()).toBe(iso("2026-03-30 10:00"));
    expect(first.firstResponseDue?.toISOString()).toBe(iso("2026-03-10 10:00"));
    // A asks the reporter (its first response) on Thursday; the answer comes Monday: 2 working days paused.
    await act(code, "request_info", staff.a!, "2026-03-05 10:00", { message: "Mohon foto lokasinya." });
    await act(code, "reporter_reply", reporter, "2026-03-09 10:00", { message: "Sudah saya kirim." });
    await act(code, "return", staff.a!, "2026-03-12 10:00", { reason: "Bukan jalan kota, ini urusan kependudukan." });
    const returned = await row(code);
    expect(returned.status).toBe("received");
    expect(returned.resolutionDue?.toISOString()).toBe(iso("2026-04-01 10:00")); // 30 March + 2 working days
    await act(code, "dispose", staff.coord!, "2026-03-13 10:00", { opdCode: "DISDUKCAPIL" });
    const c = await row(code);
    expect(c.resolutionDue?.toISOString()).toBe(iso("2026-04-01 10:00"));
    expect(c.firstDisposedAt?.toISOString()).toBe(iso("2026-03-03 10:00"));
    expect(c.firstRespondedAt?.toISOString()).toBe(iso("2026-03-05 10:00")); // A's request reached the citizen: met
    expect(c.bounceCount).toBe(1);

    const [a, b] = await shares(code);
    // A held it 7 working days, 2 of them paused: it bounced after 5, past its own first-response deadline.
    expect(a).toMatchObject({ opdId: opdId.BINAMARGA, startedBy: "dispose", endReason: "returned", heldMs: 5 * DAY, pausedMs: 2 * DAY });
    expect(a!.firstRespondedAt?.toISOString()).toBe(iso("2026-03-05 10:00"));
    expect(a!.endedAt?.toISOString()).toBe(iso("2026-03-12 10:00"));
    // B's own clock starts at its disposition.
    const w = await opdWindow("2026-03-13 10:00");
    expect(b).toMatchObject({ opdId: opdId.DISDUKCAPIL, startedBy: "dispose", endedAt: null, firstRespondedAt: null });
    expect(b!.startedAt.toISOString()).toBe(iso("2026-03-13 10:00"));
    expect(b!.firstResponseDue?.toISOString()).toBe(iso("2026-03-27 10:00"));
    expect(b!.resolutionDue.toISOString()).toBe(w.resolution.due.toISOString());
    expect(b!.resolutionRiskAt.toISOString()).toBe(w.resolution.riskAt.toISOString());

    await act(code, "accept", staff.b!, "2026-03-16 10:00");
    await act(code, "respond", staff.b!, "2026-03-25 10:00", { message: "Data kependudukan Anda sudah kami perbaiki." });
    expect((await shares(code))[1]).toMatchObject({ endReason: "responded", heldMs: 3 * DAY });
  });

  it("a re-disposition without a return keeps the citizen's deadline; A's share ends after 3 working days", async () => {
    const code = await file("2026-03-02 10:00");
    await act(code, "dispose", staff.coord!, "2026-03-03 10:00", { opdCode: "BINAMARGA" });
    await act(code, "accept", staff.a!, "2026-03-03 11:00");
    await act(code, "redispose", staff.coord!, "2026-03-06 10:00", { opdCode: "DISDUKCAPIL", reason: "Salah OPD, ini urusan kependudukan." });
    const c = await row(code);
    expect(c.resolutionDue?.toISOString()).toBe(iso("2026-03-30 10:00"));
    expect(c.firstResponseDue?.toISOString()).toBe(iso("2026-03-10 10:00")); // nobody has written yet: still running
    const [a, b] = await shares(code);
    expect(a).toMatchObject({ endReason: "redisposed", heldMs: 3 * DAY });
    expect(b).toMatchObject({ opdId: opdId.DISDUKCAPIL, startedBy: "redispose", endedAt: null });
    expect(b!.resolutionDue.toISOString()).toBe((await opdWindow("2026-03-06 10:00")).resolution.due.toISOString());
    // B answers after the citizen's deadline but within its own.
    await act(code, "accept", staff.b!, "2026-03-09 10:00");
    await act(code, "respond", staff.b!, "2026-03-31 10:00", { message: "Lubang jalan sudah kami tambal kemarin." });
    const [, done] = await shares(code);
    expect(done!.endReason).toBe("responded");
    expect(done!.endedAt! <= done!.resolutionDue).toBe(true);
    expect((await row(code)).respondedAt! > (await row(code)).resolutionDue!).toBe(true);
  });

  it("a merge and an unmerge keep the citizen's deadline too", async () => {
    const code = await file("2026-03-02 10:00");
    const primary = await file("2026-03-02 10:30");
    await act(code, "dispose", staff.coord!, "2026-03-03 10:00", { opdCode: "BINAMARGA" });
    await act(code, "merge", staff.coord!, "2026-03-04 10:00", { primaryCode: primary });
    await act(code, "unmerge", staff.coord!, "2026-03-05 10:00");
    await act(code, "return", staff.a!, "2026-03-09 10:00", { reason: "Bukan wewenang kami." });
    await act(code, "dispose", staff.coord!, "2026-03-10 10:00", { opdCode: "DISDUKCAPIL" });
    const c = await row(code);
    expect(c.resolutionDue?.toISOString()).toBe(iso("2026-03-30 10:00"));
    expect(c.firstResponseDue?.toISOString()).toBe(iso("2026-03-10 10:00"));
    expect((await shares(code)).map((s) => [s.opdId, s.startedBy, s.endReason, s.heldMs])).toEqual([
      [opdId.BINAMARGA, "dispose", "merged", 1 * DAY],
      [opdId.BINAMARGA, "unmerge", "returned", 2 * DAY],
      [opdId.DISDUKCAPIL, "dispose", null, null],
    ]);
  });

  it("the boards and /statistik agree with the figures worked out by hand", async () => {
    const now = wib("2026-04-15 12:00");
    const march = { start: wib("2026-03-01 00:00"), end: wib("2026-04-01 00:00") };
    const figures = await shareFiguresByOpd(t.db, march, now);
    // A (BINAMARGA): four shares, three bounces after 5, 3 and 2 working days; only the first came
    // after its first-response deadline. Nothing answered.
    expect(figures.get(opdId.BINAMARGA!)).toEqual({ shares: 4, met: 0, counted: 0, bounces: 3, lateBounces: 1, medianBounceDays: 3, maxBounceDays: 5 });
    // B (DISDUKCAPIL): two answers within its own deadline, one share still open past it.
    expect(figures.get(opdId.DISDUKCAPIL!)).toEqual({ shares: 3, met: 2, counted: 3, bounces: 0, lateBounces: 0, medianBounceDays: null, maxBounceDays: null });
    expect((await openShareStates(t.db, {}, now)).get(opdId.DISDUKCAPIL!)).toEqual({ on_track: 0, at_risk: 0, breached: 1, paused: 0 });
    // A filter on the complaint (here its channel) reads the shares through their complaints, with the same figures.
    expect(await shareFiguresByOpd(t.db, { ...march, channel: "web" }, now)).toEqual(figures);
    expect((await shareFiguresByOpd(t.db, { ...march, channel: "sms" }, now)).size).toBe(0);
    expect([...(await shareFiguresByOpd(t.db, { ...march, opdId: opdId.DISDUKCAPIL! }, now)).keys()]).toEqual([opdId.DISDUKCAPIL!]);

    // On the citizen's clock: answered on time (by 1 April), answered late (31 March > 30 March), still open past 30 March.
    await refreshSlaFacts(t.db, now, "Asia/Jakarta");
    const stats = await publicStats(t.db, march.start, march.end);
    expect(stats.total.complaints).toBe(4); // and the merge's primary, never disposed
    expect(stats.total.met.resolution).toBe(1);
    expect(stats.total.counted.resolution).toBe(3);
    expect(stats.by.opd.find((r) => r.key === String(opdId.DISDUKCAPIL))?.figures).toMatchObject({ complaints: 3, met: { resolution: 1 }, counted: { resolution: 3 } });
  });

  it("a running share is paused while its complaint awaits the reporter, with or without a filter on the complaint", async () => {
    const now = wib("2026-04-21 12:00");
    const states = async (d: Parameters<typeof openShareStates>[1]) => (await openShareStates(t.db, d, now)).get(opdId.BINAMARGA!) ?? { on_track: 0, at_risk: 0, breached: 0, paused: 0 };
    const before = await states({});
    const code = await file("2026-04-20 09:00");
    await act(code, "dispose", staff.coord!, "2026-04-20 10:00", { opdCode: "BINAMARGA" });
    expect(await states({})).toEqual({ ...before, on_track: before.on_track + 1 });
    await act(code, "request_info", staff.a!, "2026-04-21 10:00", { message: "Mohon foto lokasinya." });
    expect((await row(code)).status).toBe("awaiting_reporter");
    expect(await states({})).toEqual({ ...before, paused: before.paused + 1 });
    // Through the complaint (its channel): the same share, the same state; none by SMS.
    expect((await states({ channel: "web" })).paused).toBe(before.paused + 1);
    expect(await states({ channel: "sms" })).toEqual({ on_track: 0, at_risk: 0, breached: 0, paused: 0 });
  });
});
