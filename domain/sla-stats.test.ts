import { describe, expect, it } from "vitest";
import { defaultPeriod, filterQuery, monthsEndingWith, NO_OPD, onTimeRate, parseBoardParams, periodBounds, type Figures } from "./sla-stats";

const known = { opdCodes: ["DISDUKCAPIL", "BINAMARGA"], categoryCodes: ["JALAN"], kecamatanIds: [1, 2] };
const TODAY = "2026-09-21";

describe("parseBoardParams", () => {
  it("defaults to the 90 days up to today", () => {
    expect(parseBoardParams({}, TODAY, known)).toEqual({ filter: { from: "2026-06-24", to: "2026-09-21" }, problems: [] });
    expect(defaultPeriod("2026-03-01")).toEqual({ from: "2025-12-02", to: "2026-03-01" });
  });

  it("reads every filter, codes case-insensitively", () => {
    const { filter, problems } = parseBoardParams(
      { from: "2026-01-01", to: "2026-03-31", opd: "binamarga", category: "jalan", kecamatan: "2", channel: "sms" },
      TODAY,
      known,
    );
    expect(problems).toEqual([]);
    expect(filter).toEqual({ from: "2026-01-01", to: "2026-03-31", opdCode: "BINAMARGA", categoryCode: "JALAN", kecamatanId: 2, channel: "sms" });
    expect(parseBoardParams({ opd: NO_OPD }, TODAY, known).filter.opdCode).toBe(NO_OPD);
  });

  it.each([
    [{ from: "2026-02-30" }, ["from"]],
    [{ to: "yesterday" }, ["to"]],
    [{ from: "2026-05-01", to: "2026-04-01" }, ["range"]],
    [{ from: "2015-01-01", to: "2026-01-01" }, ["range"]],
    [{ opd: "DINAS-X" }, ["opd"]],
    [{ category: "X" }, ["category"]],
    [{ kecamatan: "9" }, ["kecamatan"]],
    [{ kecamatan: "1; drop table" }, ["kecamatan"]],
    [{ channel: "fax" }, ["channel"]],
  ])("reports %o and falls back", (params, problems) => {
    const r = parseBoardParams(params, TODAY, known);
    expect(r.problems).toEqual(problems);
    expect(r.filter.opdCode).toBeUndefined();
    expect(r.filter.from <= r.filter.to).toBe(true);
  });

  it("round-trips through filterQuery", () => {
    const { filter } = parseBoardParams({ from: "2026-01-01", to: "2026-01-31", opd: "BINAMARGA", kecamatan: "1" }, TODAY, known);
    const again = parseBoardParams(Object.fromEntries(new URLSearchParams(filterQuery(filter))), TODAY, known);
    expect(again.filter).toEqual(filter);
  });
});

describe("periods and months", () => {
  it("bounds inclusive local days in WIB", () => {
    const { start, end } = periodBounds("2026-09-01", "2026-09-30", "Asia/Jakarta");
    expect(start.toISOString()).toBe("2026-08-31T17:00:00.000Z");
    expect(end.toISOString()).toBe("2026-09-30T17:00:00.000Z");
  });

  it("lists the months ending with a day's month, across a year end", () => {
    expect(monthsEndingWith("2026-02-15", 4)).toEqual(["2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"]);
  });
});

describe("rates", () => {
  const f: Figures = {
    complaints: 4,
    met: { verification: 3, firstResponse: 0, resolution: 1 },
    counted: { verification: 4, firstResponse: 0, resolution: 3 },
    medianHours: { verification: 1, firstResponse: null, resolution: 2 },
    bounces: 0,
    ratingSum: 0,
    ratings: 0,
  };

  it("gives no rate when no deadline counted", () => {
    expect(onTimeRate(f, "verification")).toBe(0.75);
    expect(onTimeRate(f, "firstResponse")).toBeNull();
  });
});
