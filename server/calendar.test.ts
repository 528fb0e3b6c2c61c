import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, categories, complaintEvents, complaints, holidays, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { validComplaint, wib } from "@/test/fixtures";
import { addCalendarDay, removeCalendarDay, saveCategoryPolicy } from "./calendar";
import { intakeComplaint } from "./intake";

describe.each(testDatabases())("working calendar administration on $name", (backend) => {
  let t: TestDatabase;
  let adminId: number;
  let admin: { userId: number; role: string; address: string };
  beforeAll(async () => {
    t = await backend.open();
    [{ id: adminId }] = (await t.db.insert(users).values({ email: "admin@t", name: "Admin", role: "admin", passwordHash: "x" }).returning({ id: users.id })) as [{ id: number }];
    admin = { userId: adminId, role: "admin", address: "198.51.100.4" };
  });
  afterAll(() => t?.dispose());

  const verificationDue = async (at: string, extra: Record<string, unknown> = {}) => {
    const { trackingCode } = await intakeComplaint(t.db, { raw: validComplaint(extra), channel: "web", region: "BTM", now: wib(at) });
    return (await t.db.select().from(complaints).where(eq(complaints.trackingCode, trackingCode)))[0]!.verificationDue!.toISOString();
  };

  it("a day added by the administrator counts for deadlines computed afterwards, not before", async () => {
    const before = await verificationDue("2031-03-03 10:00"); // Monday → Thursday
    expect(before).toBe(wib("2031-03-06 10:00").toISOString());
    // The open complaint's running verification clock spans the new day: its deadline moves too.
    expect(await addCalendarDay(t.db, { day: "2031-03-05", name: "Cuti bersama uji", kind: "cuti_bersama" }, admin)).toEqual({ ok: true, day: "2031-03-05", moved: 1 });
    expect(await verificationDue("2031-03-03 10:00")).toBe(wib("2031-03-07 10:00").toISOString());
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.userId, adminId), eq(auditLog.action, "calendar.add")))).toHaveLength(1);
    expect(await removeCalendarDay(t.db, "2031-03-05", admin)).toEqual({ ok: true, day: "2031-03-05", moved: 2 });
    expect(await verificationDue("2031-03-03 10:00")).toBe(wib("2031-03-06 10:00").toISOString());
  });

  it("moves the deadlines of open clocks whose window spans a changed day, one event per complaint, and back again", async () => {
    const { trackingCode: inWindow } = await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: wib("2031-06-02 10:00") });
    const { trackingCode: later } = await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: wib("2031-06-04 10:00") });
    const row = async (code: string) => (await t.db.select().from(complaints).where(eq(complaints.trackingCode, code)))[0]!;
    // Monday 10:00 + 3 working days = Thursday 10:00; at risk after 2.4 working days (Wednesday 19:36).
    expect((await row(inWindow)).verificationDue?.toISOString()).toBe(wib("2031-06-05 10:00").toISOString());
    expect((await row(inWindow)).verificationRiskAt?.toISOString()).toBe(wib("2031-06-04 19:36").toISOString());
    const laterDue = (await row(later)).verificationDue?.toISOString();

    // A holiday on Tuesday, inside the first complaint's window: one working day later.
    expect(await addCalendarDay(t.db, { day: "2031-06-03", name: "Libur daerah uji", kind: "local" }, admin)).toEqual({ ok: true, day: "2031-06-03", moved: 1 });
    const moved = await row(inWindow);
    expect(moved.verificationDue?.toISOString()).toBe(wib("2031-06-06 10:00").toISOString());
    expect(moved.verificationRiskAt?.toISOString()).toBe(wib("2031-06-05 19:36").toISOString());
    expect((await row(later)).verificationDue?.toISOString()).toBe(laterDue);
    const events = await t.db.select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, moved.id), eq(complaintEvents.action, "deadlines_recomputed")));
    expect(events).toHaveLength(1);
    expect(events[0]!.actorUserId).toBe(adminId);
    const data = events[0]!.data as { day: string; change: string; due: Record<string, string>; previous: Record<string, string> };
    expect([data.day, data.change, Object.keys(data.due)]).toEqual(["2031-06-03", "added", ["verification"]]);
    expect([new Date(data.previous.verification!), new Date(data.due.verification!)]).toEqual([wib("2031-06-05 10:00"), wib("2031-06-06 10:00")]);

    // Removing it moves the deadline back.
    expect(await removeCalendarDay(t.db, "2031-06-03", admin)).toEqual({ ok: true, day: "2031-06-03", moved: 1 });
    expect((await row(inWindow)).verificationDue?.toISOString()).toBe(wib("2031-06-05 10:00").toISOString());
    expect((await row(inWindow)).verificationRiskAt?.toISOString()).toBe(wib("2031-06-04 19:36").toISOString());
  });

  it.each([
    ["an impossible date", { day: "2031-02-30", name: "Libur", kind: "local" }, ["day"]],
    ["no name", { day: "2031-04-01", name: "  ", kind: "local" }, ["name"]],
    ["an unknown kind", { day: "2031-04-01", name: "Libur", kind: "weekend" }, ["kind"]],
    ["nothing at all", {}, ["day", "name", "kind"]],
  ])("refuses %s, naming every wrong field, and writes nothing", async (_name, input, errors) => {
    expect(await addCalendarDay(t.db, input, admin)).toEqual({ ok: false, errors });
    expect(await t.db.select().from(holidays).where(eq(holidays.day, "2031-04-01"))).toEqual([]);
  });

  it("refuses a day that is already in the calendar, and removing one that is not", async () => {
    expect(await addCalendarDay(t.db, { day: "2031-05-05", name: "Libur daerah", kind: "local" }, admin)).toMatchObject({ ok: true });
    expect(await addCalendarDay(t.db, { day: "2031-05-05", name: "Lagi", kind: "local" }, admin)).toEqual({ ok: false, errors: ["exists"] });
    expect(await removeCalendarDay(t.db, "2031-05-06", admin)).toEqual({ ok: false, errors: ["missing"] });
    expect(await removeCalendarDay(t.db, "not a day", admin)).toEqual({ ok: false, errors: ["day"] });
  });

  it("sets a category's deadlines; blanks fall back to the defaults; nonsense is refused", async () => {
    expect(await saveCategoryPolicy(t.db, "ADMINDUK", { verification: "1", firstResponse: "", resolution: "7", autoClose: "" }, admin)).toMatchObject({ ok: true });
    expect((await t.db.select({ sla: categories.sla }).from(categories).where(eq(categories.code, "ADMINDUK")))[0]!.sla).toEqual({ verification: 1, resolution: 7 });
    expect(await verificationDue("2031-03-10 10:00", { categoryCode: "ADMINDUK" })).toBe(wib("2031-03-11 10:00").toISOString());
    expect(await saveCategoryPolicy(t.db, "ADMINDUK", { verification: "0" }, admin)).toEqual({ ok: false, errors: ["policy"] });
    expect(await saveCategoryPolicy(t.db, "ADMINDUK", { verification: "2.5" }, admin)).toEqual({ ok: false, errors: ["policy"] });
    expect(await saveCategoryPolicy(t.db, "NOPE", {}, admin)).toEqual({ ok: false, errors: ["policy"] });
    expect(await saveCategoryPolicy(t.db, "ADMINDUK", {}, admin)).toMatchObject({ ok: true });
    expect((await t.db.select({ sla: categories.sla }).from(categories).where(eq(categories.code, "ADMINDUK")))[0]!.sla).toBeNull();
  });
});
