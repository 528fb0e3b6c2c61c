import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaintEvents, complaints, holidays } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import type { Role } from "@/domain/complaint-status";
import type { Action } from "@/domain/workflow";
import { addWorkingTime } from "@/domain/working-days";
import { validComplaint, wib } from "@/test/fixtures";
import { addStaff } from "@/test/staff";
import { intakeComplaint } from "@/server/intake";
import { invalidateReference, reference } from "@/server/reference";
import { performAction, type ActingParty } from "./perform";

const iso = (local: string) => wib(local).toISOString();
const H = 3_600_000;

// Early March 2026 has no national holiday; the test adds its own where it needs one.
describe.each(testDatabases())("SLA clocks in the workflow on $name", (backend) => {
  let t: TestDatabase;
  const staff: Record<string, ActingParty> = {};
  const reporter: ActingParty = { kind: "reporter", channel: "web" };
  beforeAll(async () => {
    t = await backend.open();
    const make = async (email: string, role: Role, opd: string | null) => {
      staff[email] = await addStaff(t.db, email, role, opd);
    };
    await make("coord", "coordinator", null);
    await make("dukcapil", "opd_officer", "DISDUKCAPIL");
    await make("binamarga", "opd_officer", "BINAMARGA");
  });
  afterAll(() => t?.dispose());

  const file = async (at: string) =>
    (await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: wib(at) })).trackingCode;
  const act = (code: string, action: Action, party: ActingParty, at: string, input: Record<string, unknown> = {}) =>
    performAction(t.db, { trackingCode: code, action, party, input, now: wib(at) });
  const row = async (code: string) => (await t.db.select().from(complaints).where(eq(complaints.trackingCode, code)))[0]!;
  const clockEvents = async (code: string) =>
    t.db
      .select({ action: complaintEvents.action, at: complaintEvents.at, data: complaintEvents.data })
      .from(complaintEvents)
      .where(and(eq(complaintEvents.complaintId, (await row(code)).id), inArray(complaintEvents.action, ["clock_paused", "clock_resumed"])))
      .orderBy(asc(complaintEvents.id));

  it("starts verification at intake with its deadline and at-risk moment", async () => {
    const c = await row(await file("2026-03-02 10:00")); // Monday
    expect(c.verificationDue?.toISOString()).toBe(iso("2026-03-05 10:00"));
    expect(c.verificationRiskAt?.toISOString()).toBe(iso("2026-03-04 19:36"));
    expect(c).toMatchObject({ verifiedAt: null, pausedAt: null, pausedMs: 0, firstResponseDue: null });
  });

  it("stops verification at disposal and starts the OPD's clocks", async () => {
    const code = await file("2026-03-02 10:00");
    await act(code, "dispose", staff.coord!, "2026-03-03 09:00", { opdCode: "DISDUKCAPIL" });
    const c = await row(code);
    expect(c.verifiedAt?.toISOString()).toBe(iso("2026-03-03 09:00"));
    expect(c.disposedAt?.toISOString()).toBe(iso("2026-03-03 09:00"));
    expect(c.firstResponseDue?.toISOString()).toBe(iso("2026-03-10 09:00"));
    expect(c.firstResponseRiskAt?.toISOString()).toBe(iso("2026-03-09 09:00"));
    // 14 working days: the Nyepi and Idul Fitri days off (18–24 March) do not count.
    expect(c.resolutionDue?.toISOString()).toBe(iso("2026-03-30 09:00"));
  });

  it("pauses while awaiting the reporter and moves the deadlines by the paused working time, weekend left out", async () => {
    const code = await file("2026-03-02 10:00");
    await act(code, "dispose", staff.coord!, "2026-03-02 11:00", { opdCode: "DISDUKCAPIL" });
    const before = await row(code);
    // Friday 15:00 → Monday 09:00: 9 + 9 working hours.
    await act(code, "request_info", staff.dukcapil!, "2026-03-06 15:00", { message: "Mohon kirim nomor registrasi Anda." });
    const paused = await row(code);
    expect(paused.status).toBe("awaiting_reporter");
    expect(paused.pausedAt?.toISOString()).toBe(iso("2026-03-06 15:00"));
    await act(code, "reporter_reply", reporter, "2026-03-09 09:00", { message: "Nomornya 1234." });
    const after = await row(code);
    expect(after).toMatchObject({ status: "disposed", pausedAt: null, pausedMs: 18 * H });
    // The OPD's request was its first response; only the resolution clock was running.
    expect(after.firstResponseDue?.toISOString()).toBe(before.firstResponseDue?.toISOString());
    // Friday 27 March 11:00 + 18 working hours = Monday 30 March 05:00.
    expect(before.resolutionDue?.toISOString()).toBe(iso("2026-03-27 11:00"));
    expect(after.resolutionDue?.toISOString()).toBe(iso("2026-03-30 05:00"));
    const { calendar } = await reference(t.db);
    expect(after.resolutionRiskAt?.toISOString()).toBe(addWorkingTime(before.resolutionRiskAt!, 18 * H, calendar).toISOString());

    const events = await clockEvents(code);
    expect(events.map((e) => [e.action, e.at.toISOString()])).toEqual([
      ["clock_paused", iso("2026-03-06 15:00")],
      ["clock_resumed", iso("2026-03-09 09:00")],
    ]);
    expect(events[0]!.data).toEqual({ clocks: ["resolution"] });
    expect(events[1]!.data).toMatchObject({ pausedMs: 18 * H, clocks: ["resolution"], due: { resolution: after.resolutionDue!.toISOString() } });
  });

  it("pauses verification too when the coordinator asks the reporter, and skips a holiday inside the pause", async () => {
    await t.db.insert(holidays).values({ day: "2026-03-11", name: "Libur uji", kind: "local" }).onConflictDoNothing();
    invalidateReference(t.db);
    try {
      const code = await file("2026-03-09 10:00"); // Monday; verification due Thursday 12 March 10:00 — holiday Wednesday → Friday
      const before = await row(code);
      expect(before.verificationDue?.toISOString()).toBe(iso("2026-03-13 10:00"));
      await act(code, "request_info", staff.coord!, "2026-03-10 10:00", { message: "Di mana tepatnya lokasi ini?" });
      await act(code, "resume", staff.coord!, "2026-03-12 10:00"); // Tuesday 10:00 → Thursday 10:00, Wednesday a holiday: 24 h
      const after = await row(code);
      expect(after.pausedMs).toBe(24 * H);
      expect(after.verificationDue?.toISOString()).toBe(iso("2026-03-16 10:00")); // Friday 10:00 + 1 working day
    } finally {
      await t.db.delete(holidays).where(eq(holidays.day, "2026-03-11"));
      invalidateReference(t.db);
    }
  });

  it("does not restart verification, first response or resolution on a return and re-disposition", async () => {
    const code = await file("2026-03-02 10:00");
    const first = await row(code);
    await act(code, "dispose", staff.coord!, "2026-03-03 10:00", { opdCode: "BINAMARGA" });
    const disposed = await row(code);
    await act(code, "return", staff.binamarga!, "2026-03-04 10:00", { reason: "Ini urusan kependudukan, bukan jalan." });
    const returned = await row(code);
    // Back to verification against its old deadline; the citizen's other clocks run on.
    expect(returned).toMatchObject({ status: "received", verifiedAt: null, disposedAt: null, firstRespondedAt: null });
    expect(returned.verificationDue?.toISOString()).toBe(first.verificationDue?.toISOString());
    for (const k of ["firstResponseDue", "resolutionDue", "resolutionRiskAt", "firstDisposedAt"] as const) expect(returned[k]).toEqual(disposed[k]);
    await act(code, "dispose", staff.coord!, "2026-03-09 10:00", { opdCode: "DISDUKCAPIL" });
    const again = await row(code);
    expect(again.verificationDue?.toISOString()).toBe(first.verificationDue?.toISOString());
    expect(again.verifiedAt?.toISOString()).toBe(iso("2026-03-09 10:00")); // late: after Thursday 5 March
    expect(again.disposedAt?.toISOString()).toBe(iso("2026-03-09 10:00"));
    expect(again.firstResponseDue?.toISOString()).toBe(iso("2026-03-10 10:00")); // from the first disposition
    expect(again.resolutionDue?.toISOString()).toBe(disposed.resolutionDue?.toISOString());
    await act(code, "redispose", staff.coord!, "2026-03-10 10:00", { opdCode: "BINAMARGA", reason: "Ternyata memang jalan rusak." });
    const last = await row(code);
    expect(last.verificationDue?.toISOString()).toBe(first.verificationDue?.toISOString());
    expect(last.resolutionDue?.toISOString()).toBe(disposed.resolutionDue?.toISOString());
  });

  it("sets the auto-close deadline on a response and a new resolution clock on an objection", async () => {
    const code = await file("2026-03-02 10:00");
    await act(code, "dispose", staff.coord!, "2026-03-02 11:00", { opdCode: "DISDUKCAPIL" });
    await act(code, "accept", staff.dukcapil!, "2026-03-02 12:00");
    await act(code, "respond", staff.dukcapil!, "2026-03-03 10:00", { message: "KTP-el Anda sudah dicetak dan dapat diambil." });
    expect((await row(code)).autoCloseDue?.toISOString()).toBe(iso("2026-03-17 10:00"));
    await act(code, "object", reporter, "2026-03-04 10:00", { reason: "Di kantor katanya belum ada." });
    const c = await row(code);
    expect(c).toMatchObject({ status: "in_progress", autoCloseDue: null, respondedAt: null });
    expect(c.resolutionStartedAt?.toISOString()).toBe(iso("2026-03-04 10:00"));
    expect(c.resolutionDue?.toISOString()).toBe(iso("2026-03-31 10:00"));
  });
});
