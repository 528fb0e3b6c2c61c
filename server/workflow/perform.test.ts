import { and, count, eq, notInArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaintEvents, complaints, opds, outbox, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import type { Role } from "@/domain/complaint-status";
import { SLA_EVENT_ACTIONS } from "@/domain/sla";
import type { Action } from "@/domain/workflow";
import { validComplaint, wib } from "@/test/fixtures";
import { AppError, ValidationError } from "@/lib/errors";
import { intakeComplaint } from "@/server/intake";
import { performAction, type ActingParty } from "./perform";

const NOW = wib("2026-03-02 10:00"); // a Monday

describe.each(testDatabases())("performAction on $name", (backend) => {
  let t: TestDatabase;
  const staff: Record<string, ActingParty> = {};
  beforeAll(async () => {
    t = await backend.open();
    const opdId = async (code: string) => (await t.db.select({ id: opds.id }).from(opds).where(eq(opds.code, code)))[0]!.id;
    const make = async (email: string, role: Role, opd: string | null) => {
      const opdRow = opd ? await opdId(opd) : null;
      const [u] = await t.db.insert(users).values({ email, name: email, role, opdId: opdRow, passwordHash: "x" }).returning({ id: users.id });
      staff[email] = { kind: "staff", userId: u!.id, role, opdId: opdRow };
    };
    await make("coord", "coordinator", null);
    await make("dukcapil", "opd_officer", "DISDUKCAPIL");
    await make("dukcapil-head", "opd_head", "DISDUKCAPIL");
    await make("binamarga", "opd_officer", "BINAMARGA");
    await make("auditor", "auditor", null);
  });
  afterAll(() => t?.dispose());

  const file = async () => (await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: NOW })).trackingCode;
  const act = (code: string, action: Action, party: ActingParty, input: Record<string, unknown> = {}) =>
    performAction(t.db, { trackingCode: code, action, party, input, now: NOW });
  const row = async (code: string) => (await t.db.select().from(complaints).where(eq(complaints.trackingCode, code)))[0]!;
  // The action's own events; the SLA clocks' pause and resume entries are tested in clocks.test.ts.
  const eventCount = async (code: string) =>
    (
      await t.db
        .select({ n: count() })
        .from(complaintEvents)
        .where(and(eq(complaintEvents.complaintId, (await row(code)).id), notInArray(complaintEvents.action, [...SLA_EVENT_ACTIONS])))
    )[0]!.n;
  const reporter: ActingParty = { kind: "reporter", channel: "web" };

  it("runs the whole path, writing exactly one event per action", async () => {
    const code = await file();
    const steps: [Action, ActingParty, Record<string, unknown>, string][] = [
      ["dispose", staff.coord!, { opdCode: "DISDUKCAPIL" }, "disposed"],
      ["request_info", staff.dukcapil!, { message: "Mohon kirim nomor registrasi KTP-el Anda." }, "awaiting_reporter"],
      ["reporter_reply", reporter, { message: "Nomornya 1234/REG/2026." }, "disposed"],
      ["accept", staff.dukcapil!, {}, "in_progress"],
      ["respond", staff.dukcapil!, { message: "KTP-el Anda sudah dicetak dan dapat diambil di kantor kecamatan." }, "responded"],
      ["object", reporter, { reason: "Di kantor kecamatan katanya belum ada." }, "in_progress"],
      ["respond", staff.dukcapil!, { message: "Sudah kami kirim ke kantor kecamatan hari ini, silakan ambil besok." }, "responded"],
      ["accept_response", reporter, {}, "closed"],
      ["rate", reporter, { rating: 5, comment: "Terima kasih" }, "closed"],
    ];
    let events = await eventCount(code);
    for (const [action, party, input, to] of steps) {
      const result = await act(code, action, party, input);
      expect(result.status).toBe(to);
      expect(await eventCount(code)).toBe(++events);
    }
    const c = await row(code);
    expect(c).toMatchObject({ status: "closed", rating: 5, previousStatus: null });
    expect(c.firstResponseDue).not.toBeNull();
    expect(c.firstRespondedAt?.toISOString()).toBe(NOW.toISOString());
    const topics = (await t.db.select({ topic: outbox.topic }).from(outbox).where(eq(outbox.complaintId, c.id))).map((o) => o.topic);
    expect(topics.filter((x) => x === "lapor.followup")).toHaveLength(2);
  });

  it("hides another OPD's complaint: not found, and nothing changes", async () => {
    const code = await file();
    await act(code, "dispose", staff.coord!, { opdCode: "DISDUKCAPIL" });
    const before = await row(code);
    const events = await eventCount(code);
    for (const action of ["accept", "respond", "return", "note", "request_info"] as const) {
      await expect(act(code, action, staff.binamarga!, { message: "x".repeat(30), reason: "x".repeat(20), text: "catatan" })).rejects.toMatchObject({ status: 404 });
      // Invalid input too: field errors would confirm that the complaint exists.
      await expect(act(code, action, staff.binamarga!, {})).rejects.toMatchObject({ status: 404 });
    }
    expect(await row(code)).toEqual(before);
    expect(await eventCount(code)).toBe(events);
  });

  it("refuses actions the table does not allow, writing nothing", async () => {
    const code = await file();
    const events = await eventCount(code);
    await expect(act(code, "respond", staff.coord!, { message: "x".repeat(30) })).rejects.toBeInstanceOf(AppError);
    await expect(act(code, "dispose", staff.auditor!, { opdCode: "DISDUKCAPIL" })).rejects.toMatchObject({ status: 403 });
    await expect(act(code, "accept_response", reporter)).rejects.toMatchObject({ status: 409 });
    await expect(act(code, "dispose", staff.coord!, { opdCode: "NOPE" })).rejects.toBeInstanceOf(ValidationError);
    expect((await row(code)).status).toBe("received");
    expect(await eventCount(code)).toBe(events);
  });

  it("counts a 'bukan wewenang' return as a bounce and keeps the tracking code", async () => {
    const code = await file();
    await act(code, "dispose", staff.coord!, { opdCode: "BINAMARGA" });
    await act(code, "return", staff.binamarga!, { reason: "Ini urusan kependudukan, bukan jalan.", suggestedOpdCode: "DISDUKCAPIL" });
    let c = await row(code);
    expect(c).toMatchObject({ status: "received", opdId: null, bounceCount: 1, trackingCode: code });
    await act(code, "dispose", staff.coord!, { opdCode: "DISDUKCAPIL" });
    c = await row(code);
    expect(c.status).toBe("disposed");
    expect(c.verificationDue?.toISOString()).toBeDefined();
  });

  it("merges into a primary and back, keeping each code", async () => {
    const primary = await file();
    const dup = await file();
    await act(dup, "merge", staff.coord!, { primaryCode: primary.toLowerCase() });
    expect(await row(dup)).toMatchObject({ status: "archived", previousStatus: "received", primaryId: (await row(primary)).id });
    await expect(act(primary, "merge", staff.coord!, { primaryCode: primary })).rejects.toBeInstanceOf(ValidationError);
    await act(dup, "unmerge", staff.coord!);
    expect(await row(dup)).toMatchObject({ status: "received", primaryId: null, previousStatus: null });
  });

  it("lets only one of two simultaneous disposals win", async () => {
    const code = await file();
    const results = await Promise.allSettled([
      act(code, "dispose", staff.coord!, { opdCode: "DISDUKCAPIL" }),
      act(code, "dispose", staff.coord!, { opdCode: "BINAMARGA" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await eventCount(code)).toBe(2); // submit + one dispose
  });

  it("lets only the OPD head assign, and only to their own OPD's staff", async () => {
    const code = await file();
    await act(code, "dispose", staff.coord!, { opdCode: "DISDUKCAPIL" });
    const officer = staff.dukcapil as Extract<ActingParty, { kind: "staff" }>;
    const other = staff.binamarga as Extract<ActingParty, { kind: "staff" }>;
    await expect(act(code, "assign", staff.dukcapil!, { userId: officer.userId })).rejects.toMatchObject({ status: 403 });
    await expect(act(code, "assign", staff["dukcapil-head"]!, { userId: other.userId })).rejects.toBeInstanceOf(ValidationError);
    await act(code, "assign", staff["dukcapil-head"]!, { userId: officer.userId });
    expect((await row(code)).assignedUserId).toBe(officer.userId);
  });
});
