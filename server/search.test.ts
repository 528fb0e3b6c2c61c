import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, complaints, opds, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import type { Role } from "@/domain/complaint-status";
import { validComplaint, wib } from "@/test/fixtures";
import { intakeComplaint } from "./intake";
import { searchComplaints } from "./search";

const NOW = wib("2026-03-02 10:00");

describe.each(testDatabases())("staff search on $name", (backend) => {
  let t: TestDatabase;
  let dukcapil: number;
  let binamarga: number;
  const codes: Record<string, string> = {};
  let userId = 0;
  const who = (role: Role, opdId: number | null = null) => ({ id: userId, role, opdId });
  const search = (role: Role, q: string, opdId: number | null = null) => searchComplaints(t.db, who(role, opdId), q, "BTM", NOW);
  const found = async (role: Role, q: string, opdId: number | null = null) => (await search(role, q, opdId)).rows.map((r) => r.trackingCode);

  beforeAll(async () => {
    t = await backend.open();
    userId = (await t.db.insert(users).values({ email: "cari@x", name: "cari", role: "coordinator", passwordHash: "x" }).returning({ id: users.id }))[0]!.id;
    const id = async (code: string) => (await t.db.select({ id: opds.id }).from(opds).where(eq(opds.code, code)))[0]!.id;
    [dukcapil, binamarga] = [await id("DISDUKCAPIL"), await id("BINAMARGA")];
    const file = async (name: string, over: Record<string, unknown>, opdId: number | null) => {
      const r = await intakeComplaint(t.db, { raw: validComplaint(over), channel: "web", region: "BTM", now: NOW });
      await t.db.update(complaints).set({ opdId, status: opdId ? "disposed" : "received" }).where(eq(complaints.trackingCode, r.trackingCode));
      codes[name] = r.trackingCode;
    };
    await file("road", { title: "Jembatan penyeberangan retak parah", body: "Jembatan penyeberangan orang di depan pasar retak dan bergoyang saat dilewati.", reporterPhone: "081299887766" }, binamarga);
    await file("ktp", { title: "Pencetakan KTP elektronik tertunda", body: "Sudah tiga bulan menunggu pencetakan KTP elektronik tanpa kabar.", reporterEmail: "Siti@Contoh.id", reporterPhone: "081299887766" }, dukcapil);
    await file("anon", { title: "Pungutan liar di kantor kelurahan", body: "Petugas meminta uang tambahan untuk surat pengantar.", reporterPhone: "081311112222", anonymous: true }, dukcapil);
    await t.db.update(complaints).set({ laporTrackingId: "LAPOR-98765" }).where(eq(complaints.trackingCode, codes.road!));
  });
  afterAll(() => t?.dispose());

  it("finds a tracking code with or without its prefix, in any case", async () => {
    const tail = codes.road!.slice(4);
    for (const q of [codes.road!, codes.road!.toLowerCase(), tail.toLowerCase(), `btm ${tail}`]) expect(await found("coordinator", q)).toEqual([codes.road]);
  });

  it("finds a LAPOR tracking number", async () => {
    expect(await found("auditor", "LAPOR-98765")).toEqual([codes.road]);
  });

  it("finds words by their Indonesian stem, and titles despite a typo", async () => {
    expect(await found("coordinator", "penyeberangan retak")).toContain(codes.road);
    expect(await found("coordinator", "cetak ktp")).toContain(codes.ktp); // "pencetakan" → "cetak"
    const typo = await search("coordinator", "jembatn penyebrangan");
    expect(typo.rows.map((r) => r.trackingCode)).toContain(codes.road);
    expect(typo.readAs).toBe("typo");
  });

  it("finds the reporter's phone in any format and e-mail in any case for the coordinator, and audits who searched what", async () => {
    for (const q of ["081299887766", "+62 812-9988-7766", "62 812 9988 7766", "812.9988.7766"]) expect((await found("coordinator", q)).sort()).toEqual([codes.road, codes.ktp].sort());
    expect(await found("admin", "siti@contoh.ID")).toEqual([codes.ktp]);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "search_contact")));
    expect(audit.some((a) => a.data?.kind === "phone" && a.data?.value === "+6281299887766" && a.data?.role === "coordinator")).toBe(true);
  });

  it("finds an anonymous reporter by contact data only for the coordinator", async () => {
    expect(await found("coordinator", "0813-1111-2222")).toEqual([codes.anon]);
    expect(await found("admin", "0813-1111-2222")).toEqual([]);
  });

  it("refuses contact search to OPD roles and the auditor, and keeps an OPD to its own complaints", async () => {
    const r = await search("opd_officer", "081299887766", dukcapil);
    expect(r).toMatchObject({ rows: [], contactRefused: true });
    expect((await search("auditor", "081299887766")).contactRefused).toBe(true);
    // Another OPD's complaint is not found by its code, its LAPOR number or its words.
    expect(await found("opd_officer", codes.road!, dukcapil)).toEqual([]);
    expect(await found("opd_head", "LAPOR-98765", dukcapil)).toEqual([]);
    expect(await found("opd_officer", "jembatan", dukcapil)).toEqual([]);
    expect(await found("opd_officer", "jembatan", binamarga)).toEqual([codes.road]);
    expect(await found("opd_officer", "ktp", dukcapil)).toEqual([codes.ktp]);
  });
});
