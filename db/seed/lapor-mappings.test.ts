import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, externalInstitutions, kelurahan, opds } from "@/db/schema";
import { laporMappings } from "@/db/schema-lapor";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { seedLaporMappings } from "./lapor-mappings";

describe.each(testDatabases())("default LAPOR mappings on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  const n = async (kind: "category" | "area" | "opd" | "institution") =>
    (await t.db.select({ n: sql<number>`count(*)::int` }).from(laporMappings).where(eq(laporMappings.kind, kind)))[0]!.n;
  const rows = async (table: typeof categories | typeof kelurahan | typeof externalInstitutions) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

  it("maps every category, kelurahan and external institution, and the city's OPDs", async () => {
    expect(await n("category")).toBe(await rows(categories));
    expect(await n("area")).toBe(await rows(kelurahan));
    expect(await n("institution")).toBe(await rows(externalInstitutions));
    const opdCount = (await t.db.select({ n: sql<number>`count(*)::int` }).from(opds).where(eq(opds.kind, "opd")))[0]!.n;
    expect(await n("opd")).toBe(opdCount);
  });

  it("keeps an administrator's edit when seeded again", async () => {
    await t.db.update(laporMappings).set({ laporId: "777" }).where(and(eq(laporMappings.kind, "category"), eq(laporMappings.localCode, "JALAN")));
    await seedLaporMappings(t.db, "BTM");
    const [row] = await t.db.select().from(laporMappings).where(and(eq(laporMappings.kind, "category"), eq(laporMappings.localCode, "JALAN")));
    expect(row!.laporId).toBe("777");
    expect(await n("category")).toBe(await rows(categories));
  });
});
