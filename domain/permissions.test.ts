import { describe, expect, it } from "vitest";
import { canSeeComplaint, complaintScope, identityVisibility } from "./permissions";

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
});
