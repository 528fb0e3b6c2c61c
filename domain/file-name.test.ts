import { describe, expect, it } from "vitest";
import { safeFileName } from "./file-name";

describe("safeFileName", () => {
  it.each([
    ["../../x.png", "x.png"],
    ["..\\..\\Windows\\x.png", "x.png"],
    ["C:\\Users\\siti\\Foto KTP.jpg", "Foto KTP.jpg"],
    ["..／..／etc／passwd.png", "passwd.png"],
    ["x.png/..", "lampiran"],
    ["..", "lampiran"],
    ["...png", "png"],
    [".htaccess", "htaccess"],
    ["", "lampiran"],
    ["   ", "lampiran"],
    ["foto\u0000\r\n.jpg", "foto.jpg"],
    ["laporan\u202Egpj.exe", "laporangpj.exe"],
    ["surat   resmi.pdf", "surat resmi.pdf"],
    ["Foto jalan rusak (1).jpeg", "Foto jalan rusak (1).jpeg"],
  ])("%j is stored as %j", (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it("cuts a long name to 200 characters and keeps its extension", () => {
    const name = safeFileName(`${"a".repeat(300)}.jpeg`);
    expect(name).toHaveLength(200);
    expect(name.endsWith(".jpeg")).toBe(true);
  });
});
