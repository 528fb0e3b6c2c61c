import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { auditCount, auditPage, writeAudit, type AuditCursor, type AuditRow } from "./audit";

const cursorOf = (r: AuditRow): AuditCursor => ({ atMicros: r.atMicros, id: r.id });

/**
 * The audit screen's paging (issue 14 item 4): newest first by (time, id), next and previous by
 * keyset, exact when several rows share one instant (rows written in one transaction do), and
 * totals that follow the filters.
 */
describe.each(testDatabases())("audit log paging on $name", (backend) => {
  let t: TestDatabase;
  let ids: number[];
  let ana: number;
  beforeAll(async () => {
    t = await backend.open();
    const [a, b] = await t.db
      .insert(users)
      .values([
        { email: "ana.audit@pintu.test", name: "Ana Audit", passwordHash: "x", role: "admin" },
        { email: "budi.audit@pintu.test", name: "Budi Audit", passwordHash: "x", role: "coordinator" },
      ])
      .returning({ id: users.id });
    ana = a!.id;
    const tie = new Date("2026-11-30T03:00:00.123456Z");
    ids = [];
    // 11 rows: three pairs share an instant to the microsecond, the rest a second apart.
    for (let i = 0; i < 11; i++) {
      const at = i % 4 === 1 || i % 4 === 2 ? new Date(tie.getTime() + Math.floor(i / 4) * 60_000) : new Date(tie.getTime() + i * 1000 + 500);
      const actor = { userId: i % 2 ? b!.id : ana, role: i % 2 ? "coordinator" : "admin", address: "192.0.2.7" };
      ids.push(await writeAudit(t.db, { actor, action: i % 3 ? "calendar.add" : "user.create", target: { kind: "holiday", id: i }, data: { note: i === 7 ? "cuti bersama idul fitri" : `baris ${i}` }, at }));
    }
  });
  afterAll(() => t?.dispose());

  it("walks every row once forward and back again, ties broken by id", async () => {
    const all = await auditPage(t.db, {}, { limit: 100 });
    const order = all.rows.map((r) => r.id);
    expect([...order].sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));

    const pages: AuditRow[][] = [];
    let p = await auditPage(t.db, {}, { limit: 3 });
    expect(p.hasNewer).toBe(false);
    pages.push(p.rows);
    while (p.hasOlder) {
      p = await auditPage(t.db, {}, { after: cursorOf(p.rows.at(-1)!), limit: 3 });
      expect(p.hasNewer).toBe(true);
      pages.push(p.rows);
    }
    expect(pages.flat().map((r) => r.id)).toEqual(order);
    expect(pages.map((x) => x.length)).toEqual([3, 3, 3, 2]);

    // Previous from the last page gives the third page again, in the same order.
    const back = await auditPage(t.db, {}, { before: cursorOf(pages[3]![0]!), limit: 3 });
    expect(back.rows.map((r) => r.id)).toEqual(pages[2]!.map((r) => r.id));
    expect(back).toMatchObject({ hasOlder: true, hasNewer: true });
    const first = await auditPage(t.db, {}, { before: cursorOf(pages[1]![0]!), limit: 3 });
    expect(first.rows.map((r) => r.id)).toEqual(pages[0]!.map((r) => r.id));
    expect(first.hasNewer).toBe(false);
  });

  it("counts and pages within a filter: actor, role, action, period and words", async () => {
    expect(await auditCount(t.db, {})).toBe(11);
    expect(await auditCount(t.db, { userId: ana })).toBe(6);
    expect(await auditCount(t.db, { role: "coordinator" })).toBe(5);
    expect(await auditCount(t.db, { actions: ["user.%"] })).toBe(4);
    expect(await auditCount(t.db, { text: "idul fitri" })).toBe(1);
    expect(await auditCount(t.db, { from: new Date("2026-11-30T03:00:05Z"), to: new Date("2026-11-30T03:00:11Z") })).toBe(2); // rows 7 and 8
    const mine = await auditPage(t.db, { userId: ana }, { limit: 4 });
    expect(mine.rows.every((r) => r.userId === ana)).toBe(true);
    const rest = await auditPage(t.db, { userId: ana }, { after: cursorOf(mine.rows.at(-1)!), limit: 4 });
    expect([...mine.rows, ...rest.rows]).toHaveLength(6);
    expect(rest.hasOlder).toBe(false);
  });
});
