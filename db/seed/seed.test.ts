import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAreas, listCategories } from "@/db/queries/reference";
import { migrateDb } from "@/db/migrate";
import { categories, externalInstitutions, kecamatan, kelurahan, opds } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { prepareDb } from "./index";
import { kecamatanOpdCode } from "./reference";

const data = (file: string) => JSON.parse(readFileSync(new URL(`./data/btm/${file}`, import.meta.url), "utf8"));
const areasFile = data("areas.json") as { kecamatan: { name: string; kelurahan: string[] }[] };
const categoriesFile = data("categories.json") as { categories: { code: string; opd?: string | null; external?: string }[] };

describe.each(testDatabases())("prepareDb and reference queries on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  const counts = async () => {
    const n = async (table: typeof kecamatan | typeof kelurahan | typeof opds | typeof categories | typeof externalInstitutions) =>
      (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
    return { kecamatan: await n(kecamatan), kelurahan: await n(kelurahan), opds: await n(opds), categories: await n(categories), externals: await n(externalInstitutions) };
  };

  it("loads every kecamatan with its kelurahan, alphabetically", async () => {
    const areas = await listAreas(t.db);
    expect(areas.map((a) => a.name)).toEqual(areasFile.kecamatan.map((k) => k.name).sort());
    const nongsa = areas.find((a) => a.name === "Nongsa")!;
    expect(nongsa.kelurahan.map((k) => k.name)).toEqual(["Batu Besar", "Kabil", "Ngenang", "Sambau"]);
    expect(areas.reduce((sum, a) => sum + a.kelurahan.length, 0)).toBe(areasFile.kecamatan.reduce((sum, k) => sum + k.kelurahan.length, 0));
  });

  it("makes each kecamatan office an OPD (Batam Kota → KEC-BATAM-KOTA)", async () => {
    expect(kecamatanOpdCode("Batam Kota")).toBe("KEC-BATAM-KOTA");
    const [office] = await t.db.select().from(opds).where(eq(opds.code, "KEC-BATAM-KOTA"));
    const [batamKota] = await t.db.select().from(kecamatan).where(eq(kecamatan.name, "Batam Kota"));
    expect(office).toMatchObject({ kind: "kecamatan", kecamatanId: batamKota!.id });
  });

  it("links every category to the OPD or institution its data file names", async () => {
    const rows = await listCategories(t.db);
    expect(rows.map((c) => c.code)).toEqual(categoriesFile.categories.map((c) => c.code));
    const opdCodes = new Map((await t.db.select().from(opds)).map((o) => [o.id, o.code]));
    const extCodes = new Map((await t.db.select().from(externalInstitutions)).map((e) => [e.id, e.code]));
    for (const c of categoriesFile.categories) {
      const row = rows.find((r) => r.code === c.code)!;
      expect([c.code, row.opdId === null ? null : opdCodes.get(row.opdId)]).toEqual([c.code, c.opd ?? null]);
      expect([c.code, row.externalId === null ? null : extCodes.get(row.externalId)]).toEqual([c.code, c.external ?? null]);
    }
    expect(rows.find((r) => r.code === "ADMINDUK")).toMatchObject({ sla: { resolution: 5 }, keywords: expect.arrayContaining(["ktp", "kartu keluarga"]) });
  });

  it("can run again without adding rows or undoing an administrator's edit", async () => {
    await t.db.update(categories).set({ name: "Kependudukan (diubah admin)" }).where(eq(categories.code, "ADMINDUK"));
    const before = await counts();
    await prepareDb(t.handle, { region: "BTM", demo: false });
    expect(await counts()).toEqual(before);
    const [row] = await t.db.select().from(categories).where(eq(categories.code, "ADMINDUK"));
    expect(row!.name).toBe("Kependudukan (diubah admin)");
  });

  it("hides a deactivated category from the form's list", async () => {
    await t.db.update(categories).set({ active: false }).where(eq(categories.code, "LAINNYA"));
    try {
      expect((await listCategories(t.db)).map((c) => c.code)).not.toContain("LAINNYA");
    } finally {
      await t.db.update(categories).set({ active: true }).where(eq(categories.code, "LAINNYA"));
    }
  });

  it.runIf(backend.name === "postgres")("migrates a fresh database from two processes at once", async () => {
    const fresh = await backend.open({ empty: true });
    try {
      const other = fresh.openAnother()!;
      await Promise.all([migrateDb(fresh.handle), migrateDb(other)]);
      const applied = await fresh.db.execute(sql`select count(*)::int as n, count(distinct hash)::int as d from drizzle.__drizzle_migrations`);
      const journal = JSON.parse(readFileSync(new URL("../migrations/meta/_journal.json", import.meta.url), "utf8"));
      // Each migration applied once, none twice.
      expect(Array.from(applied as unknown as Iterable<{ n: number; d: number }>)[0]).toEqual({ n: journal.entries.length, d: journal.entries.length });
    } finally {
      await fresh.dispose();
    }
  });
});
