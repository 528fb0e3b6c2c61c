import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { sweepSla } from "@/server/sla-sweep";
import { complaintEvents, complaints, opds, outbox, users } from "@/db/schema";
import { slaMarks, staffNotifications } from "@/db/schema-sla";
import { testDatabases, type TestDatabase } from "@/test/databases";
import type { Role } from "@/domain/complaint-status";
import type { Action } from "@/domain/workflow";
import { intakeComplaint } from "@/server/intake";
import { performAction, type ActingParty } from "@/server/workflow/perform";
import { validComplaint, wib } from "@/test/fixtures";
import { runPeriodicNow } from "@/queue/run";
import { SLA_SWEEP_JOB } from "./sla";

// Early March 2026: no national holiday before the 18th.
describe.each(testDatabases())("SLA sweep on $name", (backend) => {
  let t: TestDatabase;
  let dukcapilId: number;
  const staff: Record<string, ActingParty> = {};
  const reporter: ActingParty = { kind: "reporter", channel: "web" };
  beforeAll(async () => {
    t = await backend.open();
    dukcapilId = (await t.db.select({ id: opds.id }).from(opds).where(eq(opds.code, "DISDUKCAPIL")))[0]!.id;
    const make = async (email: string, role: Role, opdId: number | null) => {
      const [u] = await t.db.insert(users).values({ email, name: email, role, opdId, passwordHash: "x" }).returning({ id: users.id });
      staff[email] = { kind: "staff", userId: u!.id, role, opdId };
    };
    await make("coord", "coordinator", null);
    await make("dukcapil", "opd_officer", dukcapilId);
  });
  afterAll(() => t?.dispose());

  const file = async (at: string) => {
    const { trackingCode } = await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: wib(at) });
    return (await t.db.select().from(complaints).where(eq(complaints.trackingCode, trackingCode)))[0]!;
  };
  const act = (id: number, action: Action, party: ActingParty, at: string, input: Record<string, unknown> = {}) =>
    performAction(t.db, { complaintId: id, action, party, input, now: wib(at) });
  const sweep = (at: string, db: Db = t.db) => sweepSla(db, { now: wib(at) });
  const marks = (id: number) =>
    t.db.select({ clock: slaMarks.clock, kind: slaMarks.kind }).from(slaMarks).where(eq(slaMarks.complaintId, id)).orderBy(asc(slaMarks.at), asc(slaMarks.clock));
  const notes = (id: number) =>
    t.db
      .select({ kind: staffNotifications.kind, role: staffNotifications.role, opdId: staffNotifications.opdId, data: staffNotifications.data })
      .from(staffNotifications)
      .where(eq(staffNotifications.complaintId, id))
      .orderBy(asc(staffNotifications.id));
  const events = async (id: number, action: string) =>
    t.db.select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, id), eq(complaintEvents.action, action)));

  it("warns the coordinators once verification has used 80 % of its time, and only once", async () => {
    const c = await file("2026-03-02 10:00"); // due Thursday 10:00, at risk from Wednesday 19:36
    await sweep("2026-03-04 19:30");
    expect(await marks(c.id)).toEqual([]);
    await sweep("2026-03-04 19:40");
    await sweep("2026-03-04 19:50");
    expect(await marks(c.id)).toEqual([{ clock: "verification", kind: "at_risk" }]);
    expect(await notes(c.id)).toEqual([
      { kind: "sla_at_risk", role: "coordinator", opdId: null, data: expect.objectContaining({ clock: "verification", code: c.trackingCode }) },
    ]);
    expect(await events(c.id, "sla_breached")).toHaveLength(0);
  });

  it("records a verification breach as an event and tells the coordinators, once however often it runs", async () => {
    const c = await file("2026-03-02 10:00");
    for (const at of ["2026-03-05 10:01", "2026-03-05 10:02", "2026-03-06 08:00"]) await sweep(at);
    expect(await marks(c.id)).toEqual([{ clock: "verification", kind: "breached" }]); // past the deadline: no late "at risk"
    const [breach, ...more] = await events(c.id, "sla_breached");
    expect(more).toHaveLength(0);
    expect(breach).toMatchObject({ actorRole: "system", fromStatus: "received", toStatus: "received", at: wib("2026-03-05 10:01") });
    expect(new Date(breach!.data!.due as string).toISOString()).toBe(wib("2026-03-05 10:00").toISOString());
    expect((await notes(c.id)).map((n) => [n.kind, n.role, n.opdId])).toEqual([["sla_breached", "coordinator", null]]);
  });

  it("sends the OPD's at-risk reminder to the OPD and its breach to the OPD head and the coordinators", async () => {
    const c = await file("2026-03-02 10:00");
    await act(c.id, "dispose", staff.coord!, "2026-03-02 11:00", { opdCode: "DISDUKCAPIL" }); // first response due Monday 9 March 11:00
    await sweep("2026-03-06 12:00"); // 4 of 5 days used → at risk
    await sweep("2026-03-09 11:01");
    expect((await marks(c.id)).filter((m) => m.clock === "first_response")).toEqual([
      { clock: "first_response", kind: "at_risk" },
      { clock: "first_response", kind: "breached" },
    ]);
    expect((await notes(c.id)).map((n) => [n.kind, n.role, n.opdId, n.data.clock])).toEqual([
      ["disposed", null, dukcapilId, undefined], // the workflow's own notice of the disposition
      ["sla_at_risk", null, dukcapilId, "first_response"],
      ["sla_breached", "opd_head", dukcapilId, "first_response"],
      ["sla_breached", "coordinator", null, "first_response"],
    ]);
  });

  it("queues one staff e-mail per notification it writes when e-mail is on, in the same statement", async () => {
    const c = await file("2026-03-02 10:00");
    await act(c.id, "dispose", staff.coord!, "2026-03-02 11:00", { opdCode: "DISDUKCAPIL" });
    await sweepSla(t.db, { now: wib("2026-03-09 11:01"), emailStaff: true }); // at risk and breached at once
    const notified = await t.db.select({ id: staffNotifications.id, kind: staffNotifications.kind }).from(staffNotifications).where(eq(staffNotifications.complaintId, c.id));
    const sweepIds = notified.filter((n) => n.kind.startsWith("sla_")).map((n) => n.id).sort((a, b) => a - b);
    expect(sweepIds.length).toBeGreaterThan(0);
    const mails = await t.db.select({ payload: outbox.payload, key: outbox.dedupeKey }).from(outbox).where(and(eq(outbox.complaintId, c.id), eq(outbox.topic, "notify.staff")));
    expect(mails.map((m) => Number(m.payload.notificationId)).sort((a, b) => a - b)).toEqual(sweepIds);
    expect(mails.map((m) => m.key).sort()).toEqual(sweepIds.map((id) => `notify.staff:${id}`).sort());
  });

  it("leaves a paused complaint alone and counts from the moved deadline after it resumes", async () => {
    const c = await file("2026-03-02 10:00");
    await act(c.id, "request_info", staff.coord!, "2026-03-02 11:00", { message: "Di mana tepatnya lokasinya?" });
    await sweep("2026-03-06 12:00"); // verification would be breached were it not paused
    expect(await marks(c.id)).toEqual([]);
    await act(c.id, "reporter_reply", reporter, "2026-03-09 11:00", { message: "Di depan SD 001." }); // 5 working days paused
    await sweep("2026-03-10 12:00");
    expect(await marks(c.id)).toEqual([]); // due moved from Thursday 5 to Thursday 12 March
    await sweep("2026-03-12 10:01");
    expect(await marks(c.id)).toEqual([{ clock: "verification", kind: "breached" }]);
  });

  it("auto-closes after 10 working days of silence, through the workflow's event and the reporter's notice, once", async () => {
    const c = await file("2026-03-02 10:00");
    await act(c.id, "dispose", staff.coord!, "2026-03-02 11:00", { opdCode: "DISDUKCAPIL" });
    await act(c.id, "accept", staff.dukcapil!, "2026-03-02 12:00");
    await act(c.id, "respond", staff.dukcapil!, "2026-03-03 10:00", { message: "KTP-el Anda sudah dicetak dan dapat diambil di kecamatan." });
    await sweep("2026-03-17 09:59");
    expect((await t.db.select().from(complaints).where(eq(complaints.id, c.id)))[0]!.status).toBe("responded");
    await Promise.all([sweep("2026-03-17 10:00"), sweep("2026-03-17 10:00", t.openAnother()?.db ?? t.db)]);
    await sweep("2026-03-18 10:00");
    const row = (await t.db.select().from(complaints).where(eq(complaints.id, c.id)))[0]!;
    expect(row).toMatchObject({ status: "closed", autoCloseDue: null });
    const closes = await events(c.id, "auto_close");
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({ fromStatus: "responded", toStatus: "closed", actorRole: "system" });
    const notices = await t.db.select().from(outbox).where(and(eq(outbox.complaintId, c.id), eq(outbox.dedupeKey, `notify.reporter:${closes[0]!.id}`)));
    expect(notices).toMatchObject([{ topic: "notify.reporter", payload: { event: "closed", eventId: closes[0]!.id } }]);
    expect((await notes(c.id)).filter((n) => n.kind === "auto_closed")).toHaveLength(1);
    // The reporter can still rate it, as after any close.
    await act(c.id, "rate", reporter, "2026-03-18 11:00", { rating: 4 });
  });

  it("gives each crossing exactly one mark, event and notification when two sweeps run at the same moment", async () => {
    const list = await Promise.all([file("2026-03-02 10:00"), file("2026-03-02 10:00"), file("2026-03-02 10:00")]);
    const other = t.openAnother()?.db ?? t.db;
    await Promise.all([sweep("2026-03-05 11:00"), sweep("2026-03-05 11:00", other), sweep("2026-03-05 11:00"), sweep("2026-03-05 11:00", other)]);
    for (const c of list) {
      expect(await marks(c.id)).toEqual([{ clock: "verification", kind: "breached" }]);
      expect(await events(c.id, "sla_breached")).toHaveLength(1);
      expect(await notes(c.id)).toHaveLength(1);
    }
  });

  it("sweeps in batches without missing or repeating a complaint", async () => {
    const list = await Promise.all(Array.from({ length: 5 }, () => file("2026-03-09 10:00")));
    await sweepSla(t.db, { now: wib("2026-03-12 10:30"), batch: 2 });
    for (const c of list) expect(await events(c.id, "sla_breached")).toHaveLength(1);
  });

  it("runs as the worker's periodic job: twice in a row and from two workers, one breach event each", async () => {
    const list = await Promise.all([file("2026-03-09 10:00"), file("2026-03-09 10:00")]);
    const other = t.openAnother()?.db ?? t.db;
    await Promise.all([runPeriodicNow(t.db, SLA_SWEEP_JOB, { id: "w1" }), runPeriodicNow(other, SLA_SWEEP_JOB, { id: "w2" })]);
    await runPeriodicNow(t.db, SLA_SWEEP_JOB, { id: "w1" });
    for (const c of list) {
      expect(await events(c.id, "sla_breached")).toHaveLength(1);
      expect(await notes(c.id)).toHaveLength(1);
    }
  });
});
