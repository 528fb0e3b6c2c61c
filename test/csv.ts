import { parse } from "csv-parse/sync";
import { expect } from "vitest";

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Reads a CSV as a spreadsheet would (a real RFC 4180 parser) and checks it is safe to open: no
 * cell, and no line inside a multi-line cell, starts like a formula unless it is a plain number.
 * Returns the records after the header.
 */
export function parseSafeCsv(csv: string): string[][] {
  const records = parse(csv, { bom: true, relax_column_count: false }) as string[][];
  for (const record of records) {
    for (const cell of record) {
      if (/^-?\d+(\.\d+)?$/.test(cell)) continue;
      for (const line of cell.split(/\r\n|\r|\n/)) expect(line, `cell ${JSON.stringify(cell)}`).not.toMatch(FORMULA_START);
      expect(cell).not.toMatch(FORMULA_START);
    }
  }
  return records.slice(1);
}

/** Text cells a citizen (or an admin naming things) could type to attack a spreadsheet. */
export const FORMULA_PAYLOADS = [
  "=cmd|' /C calc'!A0",
  "+1+1",
  "-2+3",
  "@SUM(1,1)",
  "\t=1+1",
  "\r=1+1",
  "aman\n=cmd|' /C calc'!A0",
  "aman\r\n+HYPERLINK(\"http://x\")",
  "aman\n\n-1+1\n@x",
  'kutip " dan, koma',
] as const;
