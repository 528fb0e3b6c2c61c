import { describe, expect, it } from "vitest";
import { parseLaporExport, trackingCodeIn } from "./lapor-import";

const row = { id: 77, tracking_id: "LPR-1", title: "Judul aduan", content: "Isi aduan yang cukup panjang sekali.", is_anonymous: "1", is_secret: false, status_code: "3", date_of_incident: "05-01-2026 08:00:00" };

describe("reading a LAPOR export", () => {
  it("reads the API's JSON shape, a bare array and { data }, with the nested reporter", () => {
    for (const text of [JSON.stringify({ results: { data: [row] } }), JSON.stringify([row]), JSON.stringify({ data: [row] })]) {
      const r = parseLaporExport(text);
      expect(r).toMatchObject({ ok: true, errors: [] });
      expect(r.ok && r.records[0]).toEqual({
        row: 1,
        record: expect.objectContaining({ id: "77", trackingId: "LPR-1", anonymous: true, secret: false, statusCode: 3, dateOfIncident: "2026-01-05" }),
      });
    }
    const nested = parseLaporExport(JSON.stringify([{ ...row, reporter: { name: "Ani", phone: "0812", email: null } }]));
    expect(nested.ok && nested.records[0]!.record.reporter).toEqual({ name: "Ani", phone: "0812", email: null });
  });

  it("reads CSV with commas or semicolons, a BOM, quoted fields and `reporter.name` headers", () => {
    const comma = parseLaporExport('\uFEFFid,title,content,reporter.name\r\n1,"A, B","x ""y""",Ani\r\n');
    expect(comma.ok && comma.records[0]!.record).toMatchObject({ id: "1", title: "A, B", content: 'x "y"', reporter: { name: "Ani" } });
    const semi = parseLaporExport("id;title;content\n2;A, B;isi\n");
    expect(semi.ok && semi.records[0]!.record).toMatchObject({ id: "2", title: "A, B" });
  });

  it("reports every bad row with its field and keeps the good ones", () => {
    const r = parseLaporExport(
      JSON.stringify([row, { ...row, id: "" }, { ...row, id: 78, status_code: 9, is_secret: "maybe" }, { ...row, id: 79, date_of_incident: "31-02-2026" }, row]),
    );
    expect(r.ok && r.records.map((x) => x.row)).toEqual([1]);
    expect(r.ok && r.errors).toEqual([
      { row: 2, field: "id", error: "laporIdFormat" },
      { row: 3, field: "is_secret", error: "flag" },
      { row: 3, field: "status_code", error: "statusCode" },
      { row: 4, field: "date_of_incident", error: "dateFormat" },
      { row: 5, field: "id", error: "duplicateRow|1" },
    ]);
  });

  it("refuses an unreadable or empty file as a whole", () => {
    expect(parseLaporExport("   ")).toEqual({ ok: false, error: "empty" });
    expect(parseLaporExport("[1,")).toEqual({ ok: false, error: "unreadable" });
    expect(parseLaporExport('"unterminated\n')).toEqual({ ok: false, error: "unreadable" });
    expect(parseLaporExport("[]")).toEqual({ ok: false, error: "empty" });
  });

  it("finds a Pintu tracking code written into a complaint, in any case", () => {
    expect(trackingCodeIn("Isi...\n\n[Pintu: btm-7k3q9mzd]", "BTM")).toBe("BTM-7K3Q9MZD");
    expect(trackingCodeIn("no code here BTM-123", "BTM")).toBeNull();
  });
});
