import { describe, expect, it } from "vitest";
import { checkComplaintFields } from "./complaint-checks";
import { parseComplaintInput } from "./complaint-input";

const TODAY = "2026-03-02";
const base = { title: "Jalan berlubang di Baloi", body: "Lubang besar di jalan depan sekolah membahayakan pengendara." };

/** Typed values the browser can send (strings only): the island and the schema must agree on each. */
const CASES: Record<string, string>[] = [
  {},
  { title: "" },
  { title: "   \n\t " },
  { title: "\u0000\u0007" },
  { title: "abcd" },
  { title: "  abc  " },
  { title: "abcde" },
  { title: "x".repeat(150) },
  { title: "x".repeat(151) },
  { body: "y".repeat(19) },
  { body: "y".repeat(20) },
  { body: "y".repeat(5001) },
  { address: "z".repeat(300) },
  { address: "z".repeat(301) },
  { reporterName: "n".repeat(121) },
  { reporterPhone: "0812" },
  { reporterPhone: "0812 3456 7890" },
  { reporterPhone: "+62 812-3456-7890" },
  { reporterPhone: "(0778) 123456" },
  { reporterPhone: "0812abc" },
  { reporterEmail: "siti@" },
  { reporterEmail: "siti@contoh.id" },
  { reporterEmail: "siti contoh@contoh.id" },
  { reporterEmail: "a.b+c@sub.contoh.co.id" },
  { reporterEmail: "siti@contoh" },
  { nik: "317101234567890" },
  { nik: "3171 0123 4567 8901" },
  { nik: "3171O12345678901" },
  { incidentDate: "2026-03-03" },
  { incidentDate: "2026-03-02" },
  { incidentDate: "0000-01-01" },
  { incidentDate: "1899-12-31" },
  { incidentDate: "2026-02-30" },
  { incidentDate: "01-03-2026" },
  { lat: "1.13" },
  { lon: "104.05" },
  { lat: "91", lon: "104" },
  { lat: "1", lon: "-181" },
  { lat: "utara", lon: "104" },
  { lat: "0", lon: "0" },
  { lat: "1,1301", lon: "104.0529" },
  { lat: "48.85", lon: "2.35" },
  { lat: "1.1301", lon: "104.0529" },
  { title: "abc", body: "", reporterPhone: "0812", nik: "123", lat: "1" },
];

describe("checkComplaintFields (the browser's checks without zod)", () => {
  it.each(CASES.map((c) => [JSON.stringify(c), c] as const))("gives the schema's errors for %s", (_name, raw) => {
    const input = { ...base, ...raw };
    const schema = parseComplaintInput(input, TODAY);
    expect(checkComplaintFields(input, TODAY)).toEqual(schema.ok ? {} : schema.fieldErrors);
  });
});
