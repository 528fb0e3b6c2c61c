import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { opds, users } from "@/db/schema";
import { staffNotifications } from "@/db/schema-sla";
import { testDatabases, type TestDatabase } from "@/test/databases";
import type { Role } from "@/domain/complaint-status";
import { listNotifications, markAllRead, markRead, unreadCount, type Reader } from "./notifications";

describe.each(testDatabases())("staff notifications on $name", (backend) => {
  let t: TestDatabase;
  const r: Record<string, Reader> = {};
  let dukcapil: number;
  let binamarga: number;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await backend.open();
    const opd = async (code: string) => (await t.db.select({ id: opds.id }).from(opds).where(eq(opds.code, code)))[0]!.id;
    dukcapil = await opd("DISDUKCAPIL");
    binamarga = await opd("BINAMARGA");
    const make = async (name: string, role: Role, opdId: number | null) => {
      const [u] = await t.db.insert(users).values({ email: `${name}@t`, name, role, opdId, passwordHash: "x" }).returning({ id: users.id });
      r[name] = { id: u!.id, role, opdId };
    };
    await make("officerA", "opd_officer", dukcapil);
    await make("headA", "opd_head", dukcapil);
    await make("officerB", "opd_officer", binamarga);
    await make("headB", "opd_head", binamarga);
    await make("coord", "coordinator", null);
    await make("admin", "admin", null);
    await make("auditor", "auditor", null);
    const add = async (name: string, v: Partial<typeof staffNotifications.$inferInsert>) => {
      const [n] = await t.db.insert(staffNotifications).values({ kind: "sla_at_risk", data: { name }, ...v }).returning({ id: staffNotifications.id });
      ids[name] = n!.id;
    };
    await add("toOpdA", { opdId: dukcapil });
    await add("toHeadA", { opdId: dukcapil, role: "opd_head" });
    await add("toHeadB", { opdId: binamarga, role: "opd_head" });
    await add("toCoordinators", { role: "coordinator" });
    await add("toOfficerA", { userId: r.officerA!.id });
  });
  afterAll(() => t?.dispose());

  const seen = async (who: string) => (await listNotifications(t.db, r[who]!)).map((n) => n.data.name).sort();

  it.each([
    ["officerA", ["toOfficerA", "toOpdA"]],
    ["headA", ["toHeadA", "toOpdA"]],
    ["officerB", []],
    ["headB", ["toHeadB"]],
    ["coord", ["toCoordinators"]],
    ["admin", []],
    ["auditor", []],
  ])("%s sees only what is addressed to them, their role or their OPD", async (who, expected) => {
    expect(await seen(who)).toEqual(expected);
  });

  it("refuses an unaddressed notification", async () => {
    await expect(t.db.insert(staffNotifications).values({ kind: "x" })).rejects.toThrow();
  });

  it("counts unread per person and marks read only what the reader may see", async () => {
    expect(await unreadCount(t.db, r.headA!)).toBe(2);
    expect(await markRead(t.db, r.headA!, ids.toHeadB!)).toBe(false); // another OPD's: refused
    expect(await unreadCount(t.db, r.headB!)).toBe(1);
    expect(await markRead(t.db, r.headA!, ids.toOpdA!)).toBe(true);
    expect(await markRead(t.db, r.headA!, ids.toOpdA!)).toBe(true); // again: harmless
    expect(await unreadCount(t.db, r.headA!)).toBe(1);
    // Read by the head, still unread for the officer of the same OPD.
    expect(await unreadCount(t.db, r.officerA!)).toBe(2);
    expect((await listNotifications(t.db, r.headA!)).find((n) => n.id === ids.toOpdA)?.read).toBe(true);
    expect(await markAllRead(t.db, r.officerA!)).toBe(2);
    expect(await unreadCount(t.db, r.officerA!)).toBe(0);
    expect(await unreadCount(t.db, r.headB!)).toBe(1);
    expect(await unreadCount(t.db, r.coord!)).toBe(1);
  });
});
