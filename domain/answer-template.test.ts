import { describe, expect, it } from "vitest";
import { fillTemplate, unknownPlaceholders } from "./answer-template";

const facts = { reporterName: "Siti Aminah", code: "BTM-ABCD2345", submittedOn: "3 Desember 2026", today: "5 Desember 2026", opd: "Dinas Bina Marga", category: "Jalan" };

describe("answer templates", () => {
  it("fills every placeholder", () => {
    expect(fillTemplate("Yth. {nama}, aduan {kode} ({kategori}) tanggal {tanggal_aduan} ditangani {opd} per {hari_ini}.", facts, "id")).toBe(
      "Yth. Siti Aminah, aduan BTM-ABCD2345 (Jalan) tanggal 3 Desember 2026 ditangani Dinas Bina Marga per 5 Desember 2026.",
    );
  });
  it("never names an anonymous or hidden reporter: a polite form of address instead", () => {
    expect(fillTemplate("Yth. {nama},", { ...facts, reporterName: null }, "id")).toBe("Yth. Bapak/Ibu,");
    expect(fillTemplate("Dear {nama},", { ...facts, reporterName: null }, "en")).toBe("Dear Sir/Madam,");
  });
  it("leaves unknown placeholders visible and names them", () => {
    expect(fillTemplate("{namaa} {kode}", facts, "id")).toBe("{namaa} BTM-ABCD2345");
    expect(unknownPlaceholders("{nama} {namaa} {x}")).toEqual(["namaa", "x"]);
  });
});
