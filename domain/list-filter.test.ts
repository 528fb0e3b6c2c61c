import { describe, expect, it } from "vitest";
import { cursorParam, isFiltered, listQuery, parseCursor, parseListParams } from "./list-filter";

const known = { opdCodes: ["DISDUKCAPIL", "BINAMARGA"], categoryCodes: ["JALAN", "KTP"], kecamatanIds: [1, 2] };

describe("parseListParams", () => {
  it("gives each view its defaults", () => {
    expect(parseListParams({}, "queue", known).filter).toEqual({ status: "received", flags: [], mine: false, sort: "age" });
    expect(parseListParams({}, "inbox", known).filter).toEqual({ status: "open", flags: [], mine: false, sort: "deadline" });
    expect(parseListParams({}, "search", known).filter.sort).toBe("newest");
  });

  it("reads every filter, codes in any case, flags repeated or comma-separated", () => {
    const { filter, problems } = parseListParams(
      { status: "disposed", channel: "sms", category: "jalan", kecamatan: "2", opd: "binamarga", from: "2026-01-01", to: "2026-01-31", flag: ["anonymous", "returned,reopened"], sla: "breached", mine: "1", sort: "deadline" },
      "queue",
      known,
    );
    expect(problems).toEqual([]);
    expect(filter).toEqual({ status: "disposed", channel: "sms", categoryCode: "JALAN", kecamatanId: 2, opdCode: "BINAMARGA", from: "2026-01-01", to: "2026-01-31", flags: ["anonymous", "returned", "reopened"], sla: "breached", mine: true, sort: "deadline" });
  });

  it("drops what it does not know and names it", () => {
    const { filter, problems } = parseListParams({ status: "deleted", channel: "fax", opd: "NOPE", kecamatan: "99", from: "2026-02-30", flag: "vip", sla: "late", sort: "random", after: "x" }, "inbox", known);
    expect(filter).toEqual({ status: "open", flags: [], mine: false, sort: "deadline" });
    expect(problems.sort()).toEqual(["channel", "cursor", "flag", "from", "kecamatan", "opd", "sla", "sort", "status"]);
    expect(parseListParams({ from: "2026-02-01", to: "2026-01-01" }, "inbox", known).problems).toEqual(["range"]);
  });

  it("reads the page cursor", () => {
    expect(parseListParams({ after: "1767225600000_42" }, "queue", known).page).toEqual({ after: { key: 1767225600000, id: 42 } });
    expect(parseListParams({ before: "-_7" }, "queue", known).page).toEqual({ before: { key: null, id: 7 } });
  });
});

describe("listQuery", () => {
  it("writes only what differs from the view's defaults, and round-trips", () => {
    const params = { status: "all", channel: "web", flag: ["anonymous", "duplicate"], mine: "1", sort: "newest" };
    const { filter } = parseListParams(params, "queue", known);
    const q = listQuery(filter, "queue", { after: "5_6" });
    expect(q).toBe("?status=all&channel=web&flag=anonymous&flag=duplicate&mine=1&sort=newest&after=5_6");
    const back = parseListParams(Object.fromEntries([...new URLSearchParams(q).keys()].map((k) => [k, new URLSearchParams(q).getAll(k)])), "queue", known);
    expect(back.filter).toEqual(filter);
    expect(isFiltered(parseListParams({}, "queue", known).filter, "queue")).toBe(false);
    expect(isFiltered(filter, "queue")).toBe(true);
  });

  it("writes cursors it can read back", () => {
    for (const c of [{ key: 1767225600000, id: 1 }, { key: null, id: 99 }]) expect(parseCursor(cursorParam(c))).toEqual(c);
    expect(parseCursor("1_0")).toBeNull();
  });
});
