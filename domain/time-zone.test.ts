import { describe, expect, it } from "vitest";
import { zoneAbbreviation } from "./time-zone";

describe("zoneAbbreviation", () => {
  it.each([
    ["Asia/Jakarta", "WIB"],
    ["Asia/Pontianak", "WIB"],
    ["Asia/Makassar", "WITA"],
    ["Asia/Jayapura", "WIT"],
  ])("names %s as %s", (zone, name) => {
    expect(zoneAbbreviation(zone)).toBe(name);
  });

  it("names a zone outside Indonesia by its offset, never as WIB", () => {
    expect(zoneAbbreviation("Asia/Singapore")).toBe("GMT+8");
    expect(zoneAbbreviation("UTC")).toMatch(/^GMT(\+0)?$/);
  });
});
