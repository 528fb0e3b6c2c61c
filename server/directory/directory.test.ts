import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, complaints, kelurahan, opds, users } from "@/db/schema";
import { directoryVersions } from "@/db/schema-directory";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { validComplaint, wib } from "@/test/fixtures";
import { ValidationError } from "@/lib/errors";
import { intakeComplaint } from "@/server/intake";
import { reference } from "@/server/reference";
import { listAreaDirectory, mergeArea, renameArea, setAreaActive } from "./areas";
import { listCategoryDirectory, saveCategory, setCategoryKeywords } from "./categories";
import { formerNames, listHistory } from "./history";
import { listOpdDirectory, saveOpd, setOpdActive } from "./opds";
import { saveRoutingRule, setRoutingRuleActive, tryRoute } from "./rules";

describe.each(testDatabases())("directory editors on $name", (backend) => {
  let t: TestDatabase;
  let admin: number;
  const now = wib("2031-04-01 09:00");
  const actor = () => ({ actor: { userId: admin, role: "admin", address: "test" }, now });
  beforeAll(async () => {
    t = await backend.open();
    [{ id: admin }] = (await t.db.insert(users).values({ email: "admin@dir.t", name: "Admin Direktori", role: "admin", passwordHash: "x" }).returning({ id: users.id })) as [{ id: number }];
  });
  afterAll(() => t?.dispose());

  const opd = async (code: string) => (await listOpdDirectory(t.db)).find((o) => o.code === code)!;
  const fields = (o: Awaited<ReturnType<typeof opd>>, extra: Record<string, unknown> = {}) => ({ name: o.name, shortName: o.shortName ?? "", kind: o.kind, email: "", parentCode: "", laporId: o.laporId ?? "", ...extra });
  const rejected = async (p: Promise<unknown>) => {
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).fieldErrors;
  };

  it("renames an OPD: versioned (the seeded state kept as version 1), audited with before and after, the old name in its history", async () => {
    const dlh = await opd("DLH");
    await saveOpd(t.db, { id: dlh.id }, fields(dlh, { name: "Dinas Lingkungan Hidup Kota Batam", shortName: "DLH", email: "dlh@batam.go.id" }), actor());
    const after = await opd("DLH");
    expect(after).toMatchObject({ name: "Dinas Lingkungan Hidup Kota Batam", shortName: "DLH", email: "dlh@batam.go.id", active: true });
    const history = await listHistory(t.db, "opd", dlh.id);
    expect(history.map((h) => [h.version, h.change])).toEqual([[2, "update"], [1, "initial"]]);
    expect(history[0]!.fields).toEqual(["email", "name", "shortName"]);
    expect(formerNames(history)).toEqual(["Dinas Lingkungan Hidup"]);
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "directory.opd.update"), eq(auditLog.userId, admin)));
    expect(audit).toMatchObject({
      actorRole: "admin",
      targetKind: "opd",
      targetId: String(dlh.id),
      before: { name: "Dinas Lingkungan Hidup" },
      after: { name: "Dinas Lingkungan Hidup Kota Batam" },
      data: { version: 2, fields: ["email", "name", "shortName"] },
    });
  });

  it("refuses bad input field by field and writes nothing", async () => {
    const dlh = await opd("DLH");
    const versions = (await t.db.select().from(directoryVersions)).length;
    expect(await rejected(saveOpd(t.db, { id: dlh.id }, fields(dlh, { name: "x", email: "not-mail", kind: "dinas" }), actor()))).toMatchObject({ name: ["name"], email: ["email"], kind: ["kind"] });
    expect(await rejected(saveOpd(t.db, { code: "dlh" }, fields(dlh), actor()))).toEqual({ code: ["codeTaken"] });
    expect(await rejected(saveOpd(t.db, { id: dlh.id }, fields(dlh, { parentCode: "DLH" }), actor()))).toEqual({ parentCode: ["parentCycle"] });
    expect(await rejected(saveOpd(t.db, { id: dlh.id }, fields(dlh, { laporId: "a b" }), actor()))).toEqual({ laporId: ["laporIdFormat"] });
    expect((await t.db.select().from(directoryVersions)).length).toBe(versions);
  });

  it("creates an OPD with a parent and a LAPOR id (kept with the other mappings)", async () => {
    await saveOpd(t.db, { code: "upt-pju" }, { name: "UPT Penerangan Jalan Umum", kind: "opd", parentCode: "DISHUB", laporId: "9911" }, actor());
    expect(await opd("UPT-PJU")).toMatchObject({ name: "UPT Penerangan Jalan Umum", laporId: "9911", active: true });
    expect(await rejected(saveOpd(t.db, { code: "UPT-PJU-2" }, { name: "Dua", kind: "opd", laporId: "9911" }, actor()))).toEqual({ laporId: ["laporIdTaken|UPT Penerangan Jalan Umum"] });
  });

  it("an area rule changes the suggestion of the next complaint, and the 'coba' box says the same", async () => {
    const sambau = (await listAreaDirectory(t.db)).find((k) => k.name === "Nongsa")!.kelurahan.find((l) => l.name === "Sambau")!;
    const complaint = { title: "Jalan rusak parah", kecamatan: "Nongsa", kelurahan: "Sambau", categoryCode: "JALAN" };
    const suggested = async () => {
      const { trackingCode } = await intakeComplaint(t.db, { raw: validComplaint(complaint), channel: "web", region: "BTM", now });
      const [row] = await t.db.select({ opd: opds.code }).from(complaints).leftJoin(opds, eq(opds.id, complaints.suggestedOpdId)).where(eq(complaints.trackingCode, trackingCode));
      return row!.opd;
    };
    expect(await suggested()).toBe("BINAMARGA");
    const { id } = await saveRoutingRule(t.db, null, { categoryCode: "JALAN", area: `kel:${sambau.id}`, target: "opd:KEC-NONGSA", note: "Jalan lingkungan" }, actor());
    expect(await suggested()).toBe("KEC-NONGSA");
    const trial = await tryRoute(t.db, { text: "Jalan rusak parah", categoryCode: "JALAN", area: `kel:${sambau.id}` });
    expect(trial).toMatchObject({ suggestion: { reason: "area", ruleId: id }, target: { code: "KEC-NONGSA" }, rule: { note: "Jalan lingkungan" } });
    expect(await rejected(saveRoutingRule(t.db, null, { categoryCode: "JALAN", area: `kel:${sambau.id}`, target: "opd:DLH" }, actor()))).toEqual({ area: ["ruleExists"] });
    await setRoutingRuleActive(t.db, id, false, actor());
    expect(await suggested()).toBe("BINAMARGA");
    expect((await listHistory(t.db, "routing_rule", id)).map((h) => h.change)).toEqual(["deactivate", "create"]);
  });

  it("keywords edited on the routing page choose the category of a complaint without one", async () => {
    const sampah = (await listCategoryDirectory(t.db)).find((c) => c.code === "SAMPAH")!;
    expect((await tryRoute(t.db, { text: "Ada kasur dibuang sembarangan" })).suggestion.reason).not.toBe("keyword");
    await setCategoryKeywords(t.db, sampah.id, `${sampah.keywords.join(", ")}, kasur dibuang`, actor());
    expect(await tryRoute(t.db, { text: "Ada kasur dibuang sembarangan" })).toMatchObject({ suggestion: { reason: "keyword", matchedKeywords: ["kasur dibuang"] }, category: { code: "SAMPAH" }, target: { code: "DLH" } });
  });

  it("a category forwarded outside the city needs its institution; a deactivated OPD is no target", async () => {
    const air = (await listCategoryDirectory(t.db)).find((c) => c.code === "LALIN")!;
    const base = { name: air.name, keywords: air.keywords.join(","), forwardOutside: "on", externalCode: "" };
    expect(await rejected(saveCategory(t.db, { id: air.id }, base, actor()))).toEqual({ externalCode: ["externalRequired"] });
    await saveCategory(t.db, { id: air.id }, { ...base, nameEn: "Traffic", resolution: "7", forwardOutside: "" , opdCode: "DISHUB" }, actor());
    expect((await listCategoryDirectory(t.db)).find((c) => c.id === air.id)).toMatchObject({ nameEn: "Traffic", sla: { resolution: 7 }, opdCode: "DISHUB", externalId: null });
    const dishub = await opd("DISHUB");
    await setOpdActive(t.db, dishub.id, false, actor());
    expect((await tryRoute(t.db, { text: "apa saja", categoryCode: "LALIN" })).suggestion).toMatchObject({ opdId: null, reason: "none" });
    expect((await reference(t.db)).opds.find((o) => o.code === "DISHUB")?.active).toBe(false);
    await setOpdActive(t.db, dishub.id, true, actor());
  });

  it("renames, merges and deactivates areas without deleting them", async () => {
    const tree = await listAreaDirectory(t.db);
    const batuAji = tree.find((k) => k.name === "Batu Aji")!;
    const [kibing, buliang] = [batuAji.kelurahan.find((l) => l.name === "Kibing")!, batuAji.kelurahan.find((l) => l.name === "Buliang")!];
    await renameArea(t.db, "kelurahan", kibing.id, "Kibing Baru", actor());
    expect(formerNames(await listHistory(t.db, "kelurahan", kibing.id))).toEqual(["Kibing"]);
    expect(await rejected(renameArea(t.db, "kelurahan", kibing.id, "Buliang", actor()))).toEqual({ name: ["nameTaken"] });
    await mergeArea(t.db, "kelurahan", buliang.id, kibing.id, actor());
    const [row] = await t.db.select().from(kelurahan).where(eq(kelurahan.id, buliang.id));
    expect(row).toMatchObject({ active: false, mergedIntoId: kibing.id, name: "Buliang" });
    const ref = await reference(t.db);
    expect(ref.areas.find((k) => k.id === batuAji.id)!.kelurahan.map((l) => l.name)).not.toContain("Buliang");
    await expect(intakeComplaint(t.db, { raw: validComplaint({ kecamatan: "Batu Aji", kelurahan: "Buliang" }), channel: "web", region: "BTM", now })).rejects.toBeInstanceOf(ValidationError);
    await setAreaActive(t.db, "kecamatan", batuAji.id, false, actor());
    expect((await reference(t.db)).areas.some((k) => k.id === batuAji.id)).toBe(false);
    expect((await reference(t.db)).kecamatanNames.get(batuAji.id)).toBe("Batu Aji");
    const audits = await t.db.select({ action: auditLog.action }).from(auditLog).where(like(auditLog.action, "directory.k%")).orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(["directory.kelurahan.update", "directory.kelurahan.merge", "directory.kecamatan.deactivate"]);
  });
});
