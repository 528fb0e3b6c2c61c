import { stringify } from "csv-stringify/sync";

/** One CSV cell: text is sanitised against formulas, numbers are written as they are. */
export type CsvCell = string | number | null | undefined;

/**
 * A line that starts with one of these is read as a formula by Excel, LibreOffice or Google
 * Sheets (OWASP "CSV injection"): `=`, `+`, `-`, `@`, tab and carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A line break followed by a line that starts like a formula (a CR there is just another break). */
const FORMULA_LINE = /(\r\n|\r|\n)(?=[=+\-@\t])/g;

/**
 * Neutralises a text cell for a spreadsheet: every line of it that starts like a formula gets a
 * leading apostrophe, the first line and every line after a line break (a spreadsheet or a naive
 * parser may split a quoted multi-line cell). The one sanitiser of every CSV Pintu writes.
 */
export function safeCsvText(value: string): string {
  const first = FORMULA_START.test(value) ? `'${value}` : value;
  return first.replace(FORMULA_LINE, "$1'");
}

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return safeCsvText(value);
}

/**
 * A CSV document (RFC 4180: CRLF between records, a cell quoted when it holds a comma, a quote,
 * CR or LF) with every text cell through `safeCsvText`. `bom` adds a byte-order mark so Excel
 * reads UTF-8 (for files staff open in a spreadsheet).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  return stringify([header.map(cell), ...rows.map((r) => r.map(cell))], {
    record_delimiter: "windows",
    quoted_match: /[\r\n]/,
    bom: options.bom ?? false,
  });
}
