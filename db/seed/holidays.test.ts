import { and, count, eq, gte, like, lte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holidays } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { seedHolidays } from "./holidays";

describe.each(testDatabases())("holiday seed on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open({ empty: true });
    const { migrateDb } = await import("@/db/migrate");
    await migrateDb(t.handle);
  });
  afterAll(() => t?.dispose());

  it("adds Indonesia's national holidays for the years asked, including Idul Fitri and Independence Day", async () => {
    await seedHolidays(t.db, [2026, 2027]);
    const [{ n }] = (await t.db.select({ n: count() }).from(holidays).where(and(gte(holidays.day, "2026-01-01"), lte(holidays.day, "2026-12-31")))) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(14);
    expect(await t.db.select().from(holidays).where(eq(holidays.day, "2026-08-17"))).toHaveLength(1);
    expect((await t.db.select().from(holidays).where(like(holidays.name, "%Idul Fitri%"))).length).toBeGreaterThanOrEqual(2);
  });

  it("seeds a decreed year from the official list, cuti bersama included (Idul Fitri 2026: 18–24 March off)", async () => {
    await seedHolidays(t.db, [2026]);
    const rows = await t.db.select().from(holidays).where(and(gte(holidays.day, "2026-03-18"), lte(holidays.day, "2026-03-24")));
    expect(rows.map((r) => `${r.day} ${r.kind}`).sort()).toEqual([
      "2026-03-18 cuti_bersama",
      "2026-03-19 national",
      "2026-03-20 cuti_bersama",
      "2026-03-21 national",
      "2026-03-22 national",
      "2026-03-23 cuti_bersama",
      "2026-03-24 cuti_bersama",
    ]);
    expect(await t.db.select().from(holidays).where(eq(holidays.day, "2026-12-24"))).toMatchObject([{ kind: "cuti_bersama" }]);
  });

  it("falls back to date-holidays for a year without a decreed list", async () => {
    await seedHolidays(t.db, [2030]);
    expect(await t.db.select().from(holidays).where(eq(holidays.day, "2030-08-17"))).toHaveLength(1);
  });

  it("keeps an administrator's correction when seeded again", async () => {
    await t.db.update(holidays).set({ name: "Koreksi admin" }).where(eq(holidays.day, "2026-08-17"));
    await seedHolidays(t.db, [2026]);
    expect((await t.db.select().from(holidays).where(eq(holidays.day, "2026-08-17")))[0]!.name).toBe("Koreksi admin");
  });
});
