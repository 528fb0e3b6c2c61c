import { describe, expect, it } from "vitest";
import type { Role } from "./complaint-status";
import { REDACTED, redactIdentity } from "./redact";
import { attachmentNameFor, listRowFor, reporterTextFor } from "./reporter-text";

const who = { reporterName: "Bapak Sutan Penyamar", reporterPhone: "+6281299991003", reporterEmail: "sutan@example.id", reporterNik: "2171019999991011" };
const body = "Saya Sutan Penyamar (sutan penyamar), hubungi (0812) 9999 1003 atau sutan @ example.id, NIK 2171/0199/9999/1011. Loket 3, antre 2 jam.";
const redacted = `Saya ${REDACTED} ${REDACTED} (${REDACTED} ${REDACTED}), hubungi ${REDACTED} atau ${REDACTED}, NIK ${REDACTED}. Loket 3, antre 2 jam.`;

describe("reporterTextFor", () => {
  it.each<[Role, boolean]>([
    ["opd_officer", true],
    ["opd_head", true],
    ["auditor", true],
    ["coordinator", false],
    ["admin", false],
  ])("an anonymous complaint's text as %s sees it (redacted: %s)", (role, hidden) => {
    expect(reporterTextFor(role, { anonymous: true, ...who })(body)).toBe(hidden ? redacted : body);
  });

  it("leaves a named complaint's text to every staff member who may see it", () => {
    for (const role of ["opd_officer", "opd_head", "auditor"] as const) expect(reporterTextFor(role, { anonymous: false, ...who })(body)).toBe(body);
  });

  it("takes each word of the name, not forms of address or parts of other words", () => {
    expect(redactIdentity("Bapak Sutan datang ke Sutanraja", who)).toBe(`Bapak ${REDACTED} datang ke Sutanraja`);
    expect(redactIdentity("tanpa nama", { reporterName: null, reporterPhone: null, reporterEmail: null, reporterNik: null })).toBe("tanpa nama");
  });

  it("drops the identity fields from a list row", () => {
    const row = listRowFor("opd_officer", { title: "Pungli oleh petugas, lapor Sutan", anonymous: true, trackingCode: "BTM-7K3Q9MZD", ...who });
    expect(row).toEqual({ title: `Pungli oleh petugas, lapor ${REDACTED}`, anonymous: true, trackingCode: "BTM-7K3Q9MZD" });
  });

  it("hides an anonymous reporter's own file names from whoever may not see the identity", () => {
    const mine = { id: 41, fileName: "KTP_Sutan_Penyamar_081299991003.JPG", source: "reporter" as const };
    const staffFile = { id: 42, fileName: "foto-sesudah.jpg", source: "staff" as const };
    for (const role of ["opd_officer", "opd_head", "auditor"] as const) {
      expect(attachmentNameFor(role, { anonymous: true })(mine)).toBe("lampiran-pelapor-41.jpg");
      expect(attachmentNameFor(role, { anonymous: true })(staffFile)).toBe("foto-sesudah.jpg");
      expect(attachmentNameFor(role, { anonymous: false })(mine)).toBe(mine.fileName);
    }
    for (const role of ["coordinator", "admin"] as const) expect(attachmentNameFor(role, { anonymous: true })(mine)).toBe(mine.fileName);
  });
});
