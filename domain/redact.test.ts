import { describe, expect, it } from "vitest";
import { normalizeForMatching, REDACTED, redactContactData } from "./redact";

const R = REDACTED;
const ZW = "\u200B";

describe("redactContactData", () => {
  // [what a citizen typed, what the public sees]
  it.each([
    // mobile numbers, every grouping
    ["Hubungi saya di 081234567890 ya", `Hubungi saya di ${R} ya`],
    ["WA: +62 812-3456-7890.", `WA: ${R}.`],
    ["telp 0812 3456 789 sore", `telp ${R} sore`],
    ["nomor 6281234567890", `nomor ${R}`],
    ["hp (0812) 9999 1003", `hp ${R}`],
    ["hp 0812/9999/1004", `hp ${R}`],
    ["hp +62 (812) 9999 1006", `hp ${R}`],
    ["hp (+62) 812 9999 1007", `hp ${R}`],
    ["hp +62-812.9999.1008!", `hp ${R}!`],
    ["hp 0812 - 9999 - 1009", `hp ${R}`],
    ["hp 0812.9999.1010", `hp ${R}`],
    ["hp 0812_9999_1012", `hp ${R}`],
    ["hp 0812–9999–1013 (en dash)", `hp ${R} (en dash)`],
    ["WA0812999910144", `WA${R}`],
    ["hp 62 812 9999 1015", `hp ${R}`],
    ["dua nomor 081299991016, 081299991017", `dua nomor ${R}, ${R}`],
    ["dua nomor 0812 9999 1018 0813 9999 1019", `dua nomor ${R} ${R}`],
    // landlines
    ["kantor (0778) 462 1005", `kantor ${R}`],
    ["kantor (0778) 462047", `kantor ${R}`],
    ["kantor 0778-462047", `kantor ${R}`],
    ["kantor 021 5550 1234", `kantor ${R}`],
    // foreign numbers (Batam faces Singapore)
    ["nomor Singapura +65 9123 4567", `nomor Singapura ${R}`],
    // tricks: invisible characters, full-width and other scripts' digits
    [`hp 0812${ZW}9999${ZW}1020`, `hp ${R}`],
    ["hp 08\u200C12\u200D9999\u20601021\uFEFF", `hp ${R}`],
    ["hp ０８１２９９９９１０２２", `hp ${R}`],
    ["hp ٠٨١٢٩٩٩٩١٠٢٣", `hp ${R}`],
    ["hp 0812\u00A09999\u00A01024", `hp ${R}`],
    ["hp 0812\u00AD9999\u00AD1025", `hp ${R}`],
    // e-mail
    ["email budi.santoso@gmail.com terima kasih", `email ${R} terima kasih`],
    ["email zz1 @ example.com", `email ${R}`],
    ["email zz2＠example.co.id.", `email ${R}.`],
    ["email zz3 [at] example.com", `email ${R}`],
    ["email zz4(at)example.org", `email ${R}`],
    [`email zz5@exa${ZW}mple.com`, `email ${R}`],
    // identity numbers
    ["NIK saya 2171010101900001", `NIK saya ${R}`],
    ["NIK 2171 0101 0190 0001.", `NIK ${R}.`],
    ["NIK 2171/0199/9999/1011", `NIK ${R}`],
    ["NIK 2171.0199.9999.1012", `NIK ${R}`],
    ["NIK 217101 019999 1013", `NIK ${R}`],
    ["NIK 21.71.01.019999.1014", `NIK ${R}`],
    ["KK: 2171-0101-0190-0002", `KK: ${R}`],
    ["NPWP 01.234.567.8-901.000", `NPWP ${R}`],
  ])("removes contact data from %j", (input, expected) => {
    expect(redactContactData(input)).toBe(expected);
  });

  it.each([
    "Jalan rusak sepanjang 200 meter di RT 03 RW 05 sejak 2025",
    "RT 003/RW 005, RT/RW 003/005, RT003RW005",
    "Lampu mati di Jl. Engku Putri No. 1, Batam Centre 29461",
    "Antrean KTP 3 jam pada 12-11-2026 pukul 08.00",
    "tanggal 01/02/2026 08.00 sampai 02/02/2026 17.30",
    "pada 2026-03-02 pukul 08.30 - 09.45 WIB",
    "sejak 01-02-2026 - 03-04-2026",
    "Biaya Rp 150.000 diminta petugas",
    "Pungli Rp 1.500.000 dan Rp 62.500.000 dan Rp 625.000.000.000",
    "anggaran Rp1.250.000.000,- tahun 2026",
    "kode BTM-7K3Q9MZD dan BTM-23456789 serta BTM-08123456",
    "aduan BTM-62345678 no 12",
    "jam 0800-1000 dan jam 08.00-10.00",
    "Blok A1 No. 12, Perumahan Griya 2 Tahap 3",
    "harga @ Rp.5000 per liter, 3 x 4 meter, 1/2 jalan",
    "suhu 35,5 derajat, 12 km, 100%",
  ])("leaves ordinary numbers alone: %j", (input) => {
    expect(redactContactData(input)).toBe(input);
  });

  it("keeps the text around the placeholder as it was (normalised)", () => {
    expect(redactContactData("Nama: Budi\nHP: 0812-3456-7890\nAlamat: Jl. Sudirman 5")).toBe(`Nama: Budi\nHP: ${R}\nAlamat: Jl. Sudirman 5`);
    expect(normalizeForMatching(`a${ZW}b ＡＢＣ ٣`)).toBe("ab ABC 3");
  });
});
