import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints, opds, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { validComplaint, wib } from "@/test/fixtures";
import { intakeComplaint } from "@/server/intake";
import { listPage, type ListWhere } from "./staff-list";

const NOW = wib("2026-03-10 10:00");

describe.each(testDatabases())("staff lists on $name", (backend) => {
  let t: TestDatabase;
  let dukcapil: number;
  let binamarga: number;
  let officer: number;
  const codes: string[] = [];
  const page = (where: Partial<ListWhere>, extra: Partial<Parameters<typeof listPage>[1]> = {}) =>
    listPage(t.db, { where: { statuses: null, flags: [], ...where }, sort: "age", page: {}, role: "coordinator", now: NOW, ...extra });

  beforeAll(async () => {
    t = await backend.open();
    const id = async (code: string) => (await t.db.select({ id: opds.id }).from(opds).where(eq(opds.code, code)))[0]!.id;
    [dukcapil, binamarga] = [await id("DISDUKCAPIL"), await id("BINAMARGA")];
    officer = (await t.db.insert(users).values({ email: "list@x", name: "Petugas Daftar", role: "opd_officer", opdId: binamarga, passwordHash: "x" }).returning({ id: users.id }))[0]!.id;
    // Twelve complaints a day apart: the first six with Bina Marga, two of them late; then Disdukcapil's; the rest waiting.
    for (let i = 0; i < 12; i++) {
      const at = wib(`2026-03-0${1 + (i % 9)} 0${i % 10}:00`);
      const r = await intakeComplaint(t.db, { raw: validComplaint({ anonymous: i === 3, channel: undefined }), channel: i % 2 ? "sms" : "web", region: "BTM", now: new Date(at.getTime() + i * 1000) });
      codes.push(r.trackingCode);
    }
    const set = (i: number[], v: Partial<typeof complaints.$inferInsert>) => t.db.update(complaints).set(v).where(inArray(complaints.trackingCode, i.map((n) => codes[n]!)));
    await set([0, 1, 2, 3, 4, 5], { opdId: binamarga, status: "in_progress", resolutionDue: wib("2026-03-20 10:00"), resolutionRiskAt: wib("2026-03-18 10:00") });
    await set([0, 1], { resolutionDue: wib("2026-03-05 10:00"), resolutionRiskAt: wib("2026-03-04 10:00") });
    await set([2], { resolutionDue: wib("2026-03-11 10:00"), resolutionRiskAt: wib("2026-03-09 10:00"), assignedUserId: officer, bounceCount: 2 });
    await set([6, 7], { opdId: dukcapil, status: "disposed", resolutionDue: wib("2026-03-19 10:00") });
    await set([5], { confidential: true, status: "closed" });
  });
  afterAll(() => t?.dispose());

  const codesOf = (rows: { trackingCode: string }[]) => rows.map((r) => r.trackingCode);

  it("keeps an OPD to its own complaints, whatever else is asked", async () => {
    const own = await page({ scopeOpdId: binamarga });
    expect(own.total).toBe(6);
    expect(codesOf(own.rows).sort()).toEqual(codes.slice(0, 6).sort());
    // Another OPD's id as a filter narrows to nothing, never widens.
    expect((await page({ scopeOpdId: binamarga, opdId: dukcapil })).total).toBe(0);
  });

  it("filters by status, channel, flags, deadline state and assignment, and counts", async () => {
    expect((await page({ statuses: ["received"] })).total).toBe(4);
    expect((await page({ scopeOpdId: binamarga, statuses: ["in_progress"], channel: "sms" })).total).toBe(2);
    expect(codesOf((await page({ flags: ["anonymous"] })).rows)).toEqual([codes[3]]);
    expect(codesOf((await page({ flags: ["confidential"] })).rows)).toEqual([codes[5]]);
    expect(codesOf((await page({ flags: ["returned"] })).rows)).toEqual([codes[2]]);
    expect(codesOf((await page({ scopeOpdId: binamarga, sla: "breached" })).rows).sort()).toEqual([codes[0], codes[1]].sort());
    expect(codesOf((await page({ scopeOpdId: binamarga, sla: "at_risk" })).rows)).toEqual([codes[2]]);
    expect(codesOf((await page({ assignedTo: officer })).rows)).toEqual([codes[2]]);
    expect((await page({ createdFrom: wib("2026-03-03 00:00"), createdBefore: wib("2026-03-04 00:00") })).total).toBe(2);
  });

  it("pages forward and back by keyset, without skipping or repeating", async () => {
    for (const sort of ["age", "newest", "deadline"] as const) {
      const seen: string[] = [];
      let p = await page({}, { sort, size: 5 });
      expect(p.prev).toBeNull();
      seen.push(...codesOf(p.rows));
      const firstPage = codesOf(p.rows);
      const pages = [firstPage];
      while (p.next) {
        p = await page({}, { sort, size: 5, page: { after: p.next } });
        seen.push(...codesOf(p.rows));
        pages.push(codesOf(p.rows));
      }
      expect(seen.length).toBe(12);
      expect(new Set(seen).size).toBe(12);
      // Back from the last page to the first.
      for (let i = pages.length - 2; i >= 0; i--) {
        p = await page({}, { sort, size: 5, page: { before: p.prev! } });
        expect(codesOf(p.rows)).toEqual(pages[i]);
      }
      expect(p.prev).toBeNull();
    }
  });

  it("sorts by deadline with the nearest first and complaints without one last", async () => {
    const rows = (await page({ scopeOpdId: binamarga }, { sort: "deadline" })).rows;
    expect(rows.slice(0, 2).map((r) => r.trackingCode).sort()).toEqual([codes[0], codes[1]].sort());
    expect(rows[2]!.trackingCode).toBe(codes[2]);
  });

  it("pages a search with more than a thousand matches newest first off the date index, without gaps", async () => {
    // 1,050 copies of one complaint with a word no other has, a minute apart, within Bina Marga.
    const [src] = await t.db.select().from(complaints).where(eq(complaints.trackingCode, codes[0]!));
    await t.db.execute(sql`insert into complaints (tracking_code, channel, title, body, status, opd_id, access_key_hash, created_at, updated_at)
      select 'BTM-MANY' || lpad(g::text, 4, '0'), 'web', 'Gorong-gorong ambrol nomor ' || g, 'Gorong-gorong ambrol', 'in_progress', ${binamarga}, ${src!.accessKeyHash},
        ${wib("2026-01-01 00:00").toISOString()}::timestamptz + g * interval '1 minute', now()
      from generate_series(1, 1050) g`);
    const words = sql`${complaints.searchVector} @@ websearch_to_tsquery('indonesian', 'ambrol')`;
    const search = (extra: Partial<Parameters<typeof listPage>[1]> = {}) => page({ scopeOpdId: binamarga, match: words }, { sort: "newest", countFirst: true, size: 25, ...extra });
    const first = await search();
    expect(first).toMatchObject({ total: 1000, capped: true });
    expect(codesOf(first.rows)).toEqual(Array.from({ length: 25 }, (_, i) => `BTM-MANY${String(1050 - i).padStart(4, "0")}`));
    const second = await search({ page: { after: first.next! } });
    expect(codesOf(second.rows)[0]).toBe("BTM-MANY1025");
    expect(codesOf((await search({ page: { before: second.prev! } })).rows)).toEqual(codesOf(first.rows));
    // Another OPD finds none of them.
    expect((await page({ scopeOpdId: dukcapil, match: words }, { countFirst: true })).total).toBe(0);
  });

  it("never lists the reporter's identity and hides an anonymous reporter's name in the title from an OPD", async () => {
    const [row] = (await page({ flags: ["anonymous"] }, { role: "opd_officer" })).rows;
    expect(row).toBeDefined();
    expect(Object.keys(row!)).not.toContain("reporterPhone");
    expect(Object.keys(row!)).not.toContain("reporterName");
  });
});
