import { describe, expect, it } from "vitest";
import { can, canSeeComplaint, complaintScope, identityVisibility, slaBoardScope } from "./permissions";

describe("permissions", () => {
  it("lets OPD roles see only their own OPD's complaints", () => {
    expect(canSeeComplaint({ role: "opd_officer", opdId: 3 }, 3)).toBe(true);
    expect(canSeeComplaint({ role: "opd_officer", opdId: 3 }, 4)).toBe(false);
    expect(canSeeComplaint({ role: "opd_head", opdId: 3 }, null)).toBe(false);
    expect(complaintScope({ role: "opd_officer", opdId: null })).toEqual({ kind: "none" });
  });

  it("lets coordinators, admins and auditors see every complaint", () => {
    for (const role of ["coordinator", "admin", "auditor"] as const) expect(canSeeComplaint({ role, opdId: null }, 9)).toBe(true);
  });

  it("never shows an anonymous reporter to OPD staff or auditors; coordinators and admins reveal on request", () => {
    expect(identityVisibility("opd_officer", true)).toBe("hidden");
    expect(identityVisibility("opd_head", true)).toBe("hidden");
    expect(identityVisibility("auditor", true)).toBe("hidden");
    expect(identityVisibility("coordinator", true)).toBe("reveal_on_request");
    expect(identityVisibility("admin", true)).toBe("reveal_on_request");
    expect(identityVisibility("opd_officer", false)).toBe("visible");
  });

  it("lets only coordinators and admins operate the LAPOR integration, and only admins edit its mappings", () => {
    const roles = ["admin", "coordinator", "opd_officer", "opd_head", "auditor"] as const;
    expect(roles.filter((r) => can(r, "integration.operate"))).toEqual(["admin", "coordinator"]);
    expect(roles.filter((r) => can(r, "integration.mappings.edit"))).toEqual(["admin"]);
  });

  it("lets coordinators read the directory (OPDs, categories, areas, routing rules) and only admins change it", () => {
    const roles = ["admin", "coordinator", "opd_officer", "opd_head", "auditor"] as const;
    expect(roles.filter((r) => can(r, "directory.read"))).toEqual(["admin", "coordinator"]);
    expect(roles.filter((r) => can(r, "admin.manage"))).toEqual(["admin"]);
  });

  it("shows every OPD's SLA board to coordinators, admins and auditors, an OPD head only their own, officers none", () => {
    for (const role of ["coordinator", "admin", "auditor"] as const) expect(slaBoardScope({ role, opdId: null })).toEqual({ kind: "all" });
    expect(slaBoardScope({ role: "opd_head", opdId: 3 })).toEqual({ kind: "opd", opdId: 3 });
    expect(slaBoardScope({ role: "opd_head", opdId: null })).toEqual({ kind: "none" });
    expect(slaBoardScope({ role: "opd_officer", opdId: 3 })).toEqual({ kind: "none" });
  });
});
