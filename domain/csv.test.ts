import { describe, expect, it } from "vitest";
import { FORMULA_PAYLOADS, parseSafeCsv } from "@/test/csv";
import { safeCsvText, toCsv } from "./csv";

describe("toCsv", () => {
  it("neutralises every line that starts like a formula, and nothing else", () => {
    expect(safeCsvText("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(safeCsvText("a\n=b\r\n+c\r-d\n@e\n\tf")).toBe("a\n'=b\r\n'+c\r'-d\n'@e\n'\tf");
    expect(safeCsvText("\r=x")).toBe("'\r'=x");
    expect(safeCsvText("Jl. Engku Putri no. 1 - depan SD")).toBe("Jl. Engku Putri no. 1 - depan SD");
    expect(safeCsvText("")).toBe("");
  });

  it("quotes cells with a comma, a quote, CR or LF (a bare LF too), and keeps numbers as numbers", () => {
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe("a,b\r\n1,x\r\n");
    expect(toCsv(["a"], [['Dinas "A", Batam'], ["x\ny"], ["x\ry"], [-1.5], [null], [Number.NaN]])).toBe('a\r\n"Dinas ""A"", Batam"\r\n"x\ny"\r\n"x\ry"\r\n-1.5\r\n\r\n\r\n');
    expect(toCsv(["a"], [], { bom: true })).toBe("\uFEFFa\r\n");
  });

  it("round-trips through a real CSV parser: one record per row, no formula cell", () => {
    const rows = FORMULA_PAYLOADS.map((p, i) => [i, p, `${p}\n\n[Pintu: BTM-7K3Q9MZD]`]);
    const records = parseSafeCsv(toCsv(["n", "text", "content"], rows, { bom: true }));
    expect(records).toHaveLength(rows.length);
    expect(records.map((r) => r[0])).toEqual(rows.map((r) => String(r[0])));
    // Only the apostrophes were added: the text is all there.
    expect(records[6]![1]).toBe("aman\n'=cmd|' /C calc'!A0");
  });
});
