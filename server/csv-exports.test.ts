import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDatabase } from "@/db/testing";
import type { Figures } from "@/domain/sla-stats";
import { FORMULA_PAYLOADS, parseSafeCsv } from "@/test/csv";
import { validComplaint, wib } from "@/test/fixtures";
import { intakeComplaint } from "./intake";
import { buildExport, exportCsv } from "./lapor-export";
import type { PublicStatsView } from "./public-stats";
import { statsCsv } from "./public-stats-export";
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
      generatedAt: NOW.toISOString(),
      years: [2026],
      total: figures(50),
      topCategory: null,
      by: { opd: names.map(group), category: names.map(group), kecamatan: [group("-1", 0)], month: [], channel: [{ key: "@web", code: null, name: null, figures: figures(1) }] },
    };
    const records = parseSafeCsv(statsCsv(view));
    expect(records).toHaveLength(names.length * 2 + 1 + 1 + 1);
    expect(records.at(-1)!.slice(0, 2)).toEqual(["2026", "total"]);
  });
});
