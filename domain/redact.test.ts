import { describe, expect, it } from "vitest";
import { REDACTED, redactContactData } from "./redact";

describe("redactContactData", () => {
  it.each([
    ["Hubungi saya di 081234567890 ya", `Hubungi saya di ${REDACTED} ya`],
    ["WA: +62 812-3456-7890.", `WA: ${REDACTED}.`],
    ["telp 0812 3456 789 sore", `telp ${REDACTED} sore`],
    ["nomor 6281234567890", `nomor ${REDACTED}`],
    ["kantor (0778) 462047", "kantor (0778) 462047"],
    ["email budi.santoso@gmail.com terima kasih", `email ${REDACTED} terima kasih`],
    ["NIK saya 2171010101900001", `NIK saya ${REDACTED}`],
    ["NIK 2171 0101 0190 0001.", `NIK ${REDACTED}.`],
  ])("removes contact data from %j", (input, expected) => {
    expect(redactContactData(input)).toBe(expected);
  });

  it.each([
    "Jalan rusak sepanjang 200 meter di RT 03 RW 05 sejak 2025",
    "Lampu mati di Jl. Engku Putri No. 1, Batam Centre",
    "Antrean KTP 3 jam pada 12-11-2026 pukul 08.00",
    "Biaya Rp 150.000 diminta petugas",
  ])("leaves ordinary numbers alone: %j", (input) => {
    expect(redactContactData(input)).toBe(input);
  });
});
