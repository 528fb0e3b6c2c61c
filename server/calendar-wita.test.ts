// A region in WITA (UTC+8): deadlines, the calendar recompute and local days follow the configured
// zone, not Asia/Jakarta. Set before anything reads the environment (each test file has its own process).
process.env.PINTU_TIME_ZONE = "Asia/Makassar";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { validComplaint } from "@/test/fixtures";
import { addCalendarDay, removeCalendarDay } from "./calendar";
import { intakeComplaint } from "./intake";

/** An instant given as local time in Asia/Makassar (WITA, UTC+8). */
const wita = (local: string) => new Date(`${local.replace(" ", "T")}+08:00`);

describe.each(testDatabases())("a WITA region's deadlines on $name", (backend) => {
  let t: TestDatabase;
  let admin: { userId: number; role: string; address: string };
  beforeAll(async () => {
    t = await backend.open();
    const [{ id }] = (await t.db.insert(users).values({ email: "admin@wita", name: "Admin", role: "admin", passwordHash: "x" }).returning({ id: users.id })) as [{ id: number }];
    admin = { userId: id, role: "admin", address: "198.51.100.8" };
  });
  afterAll(() => t?.dispose());

  const submit = async (at: string) => {
    const { trackingCode } = await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: wita(at) });
    return trackingCode;
  };
  const due = async (code: string) => (await t.db.select().from(complaints).where(eq(complaints.trackingCode, code)))[0]!.verificationDue!.toISOString();

  it("counts working days in WITA: a complaint at 00:30 Tuesday WITA (Monday evening in WIB) starts on Tuesday", async () => {
    // Tuesday 00:30 WITA + 3 working days = Friday 00:30 WITA (in WIB it would be Monday 23:30 + 3 = Thursday).
    const code = await submit("2032-03-02 00:30");
    expect(await due(code)).toBe(wita("2032-03-05 00:30").toISOString());
  });

  it("moves a deadline when a holiday inside its WITA window is added, to where a fresh computation puts it, and not for a day outside it", async () => {
    const code = await submit("2032-06-01 00:30"); // Tuesday 00:30 WITA → due Friday 00:30 WITA
    // Monday 31 May is the day before the clock started in WITA (but the start's day in WIB).
    expect(await addCalendarDay(t.db, { day: "2032-05-31", name: "Libur di luar jendela", kind: "local" }, admin)).toEqual({ ok: true, day: "2032-05-31", moved: 0 });
    expect(await due(code)).toBe(wita("2032-06-04 00:30").toISOString());
    // Wednesday inside the window: one working day later, exactly as intake now computes it.
    expect(await addCalendarDay(t.db, { day: "2032-06-02", name: "Libur di dalam jendela", kind: "local" }, admin)).toMatchObject({ ok: true, moved: 1 });
    expect(await due(code)).toBe(wita("2032-06-07 00:30").toISOString());
    expect(await due(await submit("2032-06-01 00:30"))).toBe(wita("2032-06-07 00:30").toISOString());
    expect(await removeCalendarDay(t.db, "2032-06-02", admin)).toMatchObject({ ok: true });
    expect(await due(code)).toBe(wita("2032-06-04 00:30").toISOString());
  });
});
