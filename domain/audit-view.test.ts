import { describe, expect, it } from "vitest";
import { auditDetails, auditLink, kindPatterns, maskSearched } from "./audit-view";

const row = (over: Partial<Parameters<typeof auditDetails>[0]> = {}) => ({ action: "x", targetKind: null, targetId: null, trackingCode: null, before: null, after: null, data: null, ...over });

describe("audit view", () => {
  it("says what changed, before → after, then the rest", () => {
    expect(auditDetails(row({ before: { active: true, email: "a@b" }, after: { active: false, email: "a@b" }, data: { n: 2 } }), { maskSearch: false })).toBe("active: true → false; n: 2");
    expect(auditDetails(row({ after: { day: "2098-01-02", name: "Libur" } }), { maskSearch: false })).toBe("day: 2098-01-02; name: Libur");
    expect(auditDetails(row({ before: { laporId: "X" } }), { maskSearch: false })).toBe("laporId: X");
  });

  it("masks a searched contact for roles that may not search by one", () => {
    const r = row({ action: "search_contact", data: { kind: "phone", value: "+6281234567890", results: 1 } });
    expect(auditDetails(r, { maskSearch: true })).not.toContain("81234567890");
    expect(auditDetails(r, { maskSearch: false })).toContain("+6281234567890");
    expect(maskSearched("email", "siti@example.id")).toBe("s•••@example.id");
    expect(maskSearched("nik", "2171010101010001")).toBe("••••••••••••0001");
  });

  it("links a row to its complaint, else to the object's page", () => {
    expect(auditLink({ action: "complaint.dispose", trackingCode: "BTM-1", targetKind: "complaint", targetId: "BTM-1" })).toBe("/petugas/aduan/BTM-1");
    expect(auditLink({ action: "calendar.add", trackingCode: null, targetKind: "holiday", targetId: "2098-03-04" })).toBe("/petugas/kalender?year=2098");
    expect(auditLink({ action: "user.create", trackingCode: null, targetKind: "user", targetId: "7" })).toBe("/petugas/pengguna#user-7");
    expect(auditLink({ action: "lapor.mapping_set", trackingCode: null, targetKind: "mapping.opd", targetId: "X" })).toBe("/petugas/integrasi/pemetaan");
    expect(auditLink({ action: "directory.opd.update", trackingCode: null, targetKind: "opd", targetId: "12" })).toBe("/petugas/direktori/opd/12");
    expect(auditLink({ action: "directory.kelurahan.merge", trackingCode: null, targetKind: "kelurahan", targetId: "40" })).toBe("/petugas/direktori/wilayah/kelurahan/40");
    expect(auditLink({ action: "directory.routing_rule.create", trackingCode: null, targetKind: "routing_rule", targetId: "3" })).toBe("/petugas/direktori/rute/3");
    expect(auditLink({ action: "directory.category.update", trackingCode: null, targetKind: "category", targetId: "5" })).toBe("/petugas/direktori/kategori/5");
    expect(auditLink({ action: "odd", trackingCode: null, targetKind: null, targetId: null })).toBeNull();
  });

  it("filters a kind by its action prefix", () => {
    expect(kindPatterns("user")).toEqual(["user.%"]);
    expect(kindPatterns("reveal_identity")).toEqual(["reveal_identity"]);
  });
});
