import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, complaints, opds, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import type { Figures } from "@/domain/sla-stats";
import { FORMULA_PAYLOADS, parseSafeCsv } from "@/test/csv";
import { validComplaint, wib } from "@/test/fixtures";
import { intakeComplaint } from "./intake";
import { buildExport, exportCsv } from "./lapor-export";
import { listCsv } from "./list-csv";
import type { PublicStatsView } from "./public-stats";
import { statsCsv, statsJson } from "./public-stats-export";
import { boardCsv } from "./sla-csv";

// Every CSV Pintu writes, read back by a real CSV parser as a spreadsheet would: one record per
// row however many line breaks a cell holds, and no cell or line in a cell starting like a formula.

const NOW = wib("2026-03-02 10:00");
const figures = (n: number): Figures => ({
  complaints: n,
  met: { verification: 1, firstResponse: 0, resolution: 1 },
  counted: { verification: 2, firstResponse: 0, resolution: 1 },
  medianHours: { verification: 1.5, firstResponse: null, resolution: 20 },
  bounces: 1,
  ratingSum: 9,
  ratings: 2,
});
const open = { on_track: 1, at_risk: 0, breached: 2, paused: 0 };

describe.each(testDatabases())("CSV exports on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(() => handle?.dispose());

  it("manual-mode export: citizens' formulas in title and body (after line breaks too) never run", async () => {
    for (const payload of FORMULA_PAYLOADS) {
      const raw = validComplaint({ title: `${payload} judul aduan`, body: `Isi aduan yang cukup panjang untuk diterima.\n${payload}\n-- warga` });
      await intakeComplaint(handle.db, { raw, channel: "web", region: "BTM", now: NOW });
    }
    const rows = await buildExport(handle.db, (k) => k);
    expect(rows.length).toBeGreaterThanOrEqual(FORMULA_PAYLOADS.length);
    const records = parseSafeCsv(exportCsv(rows, (c) => c, (v) => (v ? "ya" : "tidak")));
    expect(records).toHaveLength(rows.length);
    expect(records.map((r) => r[1])).toEqual(rows.map((r) => r.trackingCode));
    // Every body is all there, ending with its tracking code.
    for (const [i, r] of records.entries()) expect(r[7]).toMatch(new RegExp(`\\[Pintu ${rows[i]!.trackingCode}\\]$`));
  });

  it("staff list CSV: safe cells, the OPD's own complaints only, never an anonymous reporter's contact, audited", async () => {
    const db = handle.db;
    const [opd] = await db.select({ id: opds.id }).from(opds).where(eq(opds.code, "BINAMARGA"));
    const [user] = await db.insert(users).values({ email: "csv@x", name: "csv", role: "opd_officer", opdId: opd!.id, passwordHash: "x" }).returning({ id: users.id });
    const codes: string[] = [];
    for (const [i, payload] of FORMULA_PAYLOADS.entries()) {
      const raw = validComplaint({ title: `${payload} jalan rusak`, reporterName: `${payload} Warga`, reporterPhone: `08129900${String(1000 + i)}`, anonymous: i === 0 });
      codes.push((await intakeComplaint(db, { raw, channel: "web", region: "BTM", now: NOW })).trackingCode);
    }
    for (const code of codes) await db.update(complaints).set({ opdId: opd!.id, status: "in_progress" }).where(eq(complaints.trackingCode, code));
    const res = await listCsv(db, { id: user!.id, role: "opd_officer", opdId: opd!.id }, "inbox", { status: "all", opd: "DISDUKCAPIL" }, NOW, { userId: user!.id, role: "opd_officer", address: "192.0.2.1" });
    const text = await res.text();
    const records = parseSafeCsv(text);
    expect(records.map((r) => r[0]).sort()).toEqual([...codes].sort());
    const anonymous = records.find((r) => r[0] === codes[0])!;
    expect(anonymous[12]).toBe("yes");
    expect(anonymous.slice(17)).toEqual(["", "", ""]);
    expect(text).not.toContain("081299001000");
    expect(text).not.toContain("+6281299001000");
    // The shared writer keeps a leading + from being read as a formula (a spreadsheet shows the text).
    expect(records.find((r) => r[0] === codes[1])![18]).toBe("'+6281299001001");
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, "list.export"), eq(auditLog.userId, user!.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ list: "inbox", rows: codes.length, withContacts: codes.length - 1 });
  });
});

describe("figures CSVs", () => {
  const names = ["Dinas Normal", ...FORMULA_PAYLOADS];

  it("SLA board CSV: one record per OPD plus the total, names neutralised, numbers kept", () => {
    const rows = names.map((name, i) => ({ code: `OPD${i}`, name, figures: figures(i), open }));
    const records = parseSafeCsv(boardCsv(rows, { figures: figures(99), open }, { from: "2026-01-01", to: "2026-03-31" }, { noOpd: "-", total: "=total" }));
    expect(records).toHaveLength(rows.length + 1);
    expect(records[0]!.slice(0, 5)).toEqual(["2026-01-01", "2026-03-31", "OPD0", "Dinas Normal", "0"]);
    expect(records.at(-1)![3]).toBe("'=total");
  });

  it("public statistics CSV: one record per group plus the total", () => {
    const group = (name: string, i: number) => ({ key: String(i), code: `K${i}`, name, figures: figures(i) });
    const view: PublicStatsView = {
      region: "BTM",
      year: 2026,
      timeZone: "Asia/Makassar",
      generatedAt: NOW.toISOString(),
      years: [2026],
      total: figures(50),
      topCategory: null,
      by: { opd: names.map(group), category: names.map(group), kecamatan: [group("-1", 0)], month: [], channel: [{ key: "@web", code: null, name: null, figures: figures(1) }] },
    };
    const records = parseSafeCsv(statsCsv(view));
    expect(records).toHaveLength(names.length * 2 + 1 + 1 + 1);
    expect(records.at(-1)!.slice(0, 2)).toEqual(["2026", "total"]);
    // The JSON download says which zone its year is counted in: the region's, not Jakarta's.
    expect(statsJson(view).definitions.period).toBe("Complaints received in the year (Asia/Makassar).");
  });
});
