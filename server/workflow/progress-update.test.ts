import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaintEvents, complaints, outbox } from "@/db/schema";
import { opdClocks } from "@/db/schema-sla";
import { testDatabases, type TestDatabase } from "@/test/databases";
import type { Action } from "@/domain/workflow";
import { validComplaint, wib } from "@/test/fixtures";
import { addStaff } from "@/test/staff";
import { AppError, ValidationError } from "@/lib/errors";
import { intakeComplaint } from "@/server/intake";
import { performAction, type ActingParty } from "./perform";

// The OPD's interim report (issue 13 item 6): the clocks run on, the reporter and LAPOR are told once.
describe.each(testDatabases())("progress_update on $name", (backend) => {
  let t: TestDatabase;
  const staff: Record<string, ActingParty> = {};
  beforeAll(async () => {
    t = await backend.open();
    staff.coord = await addStaff(t.db, "pu-coord", "coordinator", null);
    staff.dukcapil = await addStaff(t.db, "pu-dukcapil", "opd_officer", "DISDUKCAPIL");
    staff.binamarga = await addStaff(t.db, "pu-binamarga", "opd_officer", "BINAMARGA");
  });
  afterAll(() => t?.dispose());

  const act = (code: string, action: Action, party: ActingParty, at: string, input: Record<string, unknown> = {}) =>
    performAction(t.db, { trackingCode: code, action, party, input, now: wib(at) });
  const row = async (code: string) => (await t.db.select().from(complaints).where(eq(complaints.trackingCode, code)))[0]!;
  const accepted = async () => {
    const code = (await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: wib("2026-03-02 10:00") })).trackingCode;
    await act(code, "dispose", staff.coord!, "2026-03-02 11:00", { opdCode: "DISDUKCAPIL" });
    await act(code, "accept", staff.dukcapil!, "2026-03-02 13:00");
    return code;
  };
  const update = { message: "Petugas sudah meninjau lokasi; perbaikan dijadwalkan pekan depan." };

  it("keeps the status and every deadline, is the OPD's first response, and writes no pause", async () => {
    const code = await accepted();
    const before = await row(code);
    const [share] = await t.db.select().from(opdClocks).where(eq(opdClocks.complaintId, before.id));
    expect(share!.firstRespondedAt).toBeNull();
    const r = await act(code, "progress_update", staff.dukcapil!, "2026-03-04 10:00", update);
    expect(r.status).toBe("in_progress");
    const after = await row(code);
    expect(after).toMatchObject({ status: "in_progress", pausedAt: null, pausedMs: 0, respondedAt: null, autoCloseDue: null });
    expect(after.resolutionDue?.toISOString()).toBe(before.resolutionDue?.toISOString());
    expect(after.firstResponseDue?.toISOString()).toBe(before.firstResponseDue?.toISOString());
    // Writing to the reporter stops the first-response clock (the citizen's and the OPD's own).
    expect(after.firstRespondedAt?.toISOString()).toBe(wib("2026-03-04 10:00").toISOString());
    const [shareAfter] = await t.db.select().from(opdClocks).where(eq(opdClocks.complaintId, before.id));
    expect(shareAfter!.firstRespondedAt?.toISOString()).toBe(wib("2026-03-04 10:00").toISOString());
    expect(shareAfter!.endedAt).toBeNull();
    const events = await t.db.select({ action: complaintEvents.action }).from(complaintEvents).where(eq(complaintEvents.complaintId, before.id)).orderBy(asc(complaintEvents.id));
    expect(events.map((e) => e.action)).toEqual(["submit", "dispose", "accept", "progress_update"]);
  });

  it("tells the reporter and LAPOR once each, with the expected day in the text", async () => {
    const code = await accepted();
    const c = await row(code);
    const { eventId } = await act(code, "progress_update", staff.dukcapil!, "2026-03-04 10:00", { ...update, expectedDate: "2026-03-12" });
    const [e] = await t.db.select().from(complaintEvents).where(eq(complaintEvents.id, eventId));
    expect(e!.publicMessage).toBe(`${update.message}\n\nPerkiraan selesai: 12 Maret 2026`);
    expect(e!.data).toEqual({ expectedDate: "2026-03-12" });
    const rows = await t.db.select({ topic: outbox.topic, key: outbox.dedupeKey, payload: outbox.payload }).from(outbox).where(and(eq(outbox.complaintId, c.id))).orderBy(asc(outbox.id));
    const mine = rows.filter((r) => (r.key ?? "").endsWith(`:${eventId}`));
    expect(mine.map((r) => r.topic).sort()).toEqual(["lapor.followup", "notify.reporter"]);
    expect(mine.find((r) => r.topic === "notify.reporter")!.payload).toMatchObject({ event: "progress", eventId });
  });

  it("refuses an expected day in the past or after the resolution deadline, writing nothing", async () => {
    const code = await accepted();
    const c = await row(code);
    await expect(act(code, "progress_update", staff.dukcapil!, "2026-03-04 10:00", { ...update, expectedDate: "2026-03-03" })).rejects.toMatchObject({ fieldErrors: { expectedDate: ["expectedInPast"] } });
    await expect(act(code, "progress_update", staff.dukcapil!, "2026-03-04 10:00", { ...update, expectedDate: "2026-06-30" })).rejects.toBeInstanceOf(ValidationError);
    await expect(act(code, "progress_update", staff.dukcapil!, "2026-03-04 10:00", { ...update, expectedDate: "12/03/2026" })).rejects.toMatchObject({ fieldErrors: { expectedDate: ["invalidDate"] } });
    const events = await t.db.select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, c.id), eq(complaintEvents.action, "progress_update")));
    expect(events).toHaveLength(0);
  });

  it("is the holding OPD's only: another OPD gets not found, the coordinator is refused, a disposed complaint must be accepted first", async () => {
    const code = await accepted();
    await expect(act(code, "progress_update", staff.binamarga!, "2026-03-04 10:00", update)).rejects.toMatchObject({ status: 404 });
    await expect(act(code, "progress_update", staff.coord!, "2026-03-04 10:00", update)).rejects.toMatchObject({ status: 403 });
    const fresh = (await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: wib("2026-03-02 10:00") })).trackingCode;
    await act(fresh, "dispose", staff.coord!, "2026-03-02 11:00", { opdCode: "DISDUKCAPIL" });
    const err = await act(fresh, "progress_update", staff.dukcapil!, "2026-03-04 10:00", update).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(409);
  });
});
