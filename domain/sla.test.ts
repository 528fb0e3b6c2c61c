import { describe, expect, it } from "vitest";
import { DEFAULT_SLA, slaPolicy } from "./sla";

describe("slaPolicy", () => {
  it("uses the SP4N-LAPOR! and UU 25/2009 defaults when a category has no overrides", () => {
    const expected = { verification: 3, firstResponse: 5, resolution: 14, autoClose: 10 };
    expect(slaPolicy(null)).toEqual(expected);
    expect(slaPolicy(undefined)).toEqual(expected);
    expect(slaPolicy({})).toEqual(expected);
  });

  it("lets a category shorten or lengthen one clock and keeps the others", () => {
    expect(slaPolicy({ resolution: 5 })).toEqual({ verification: 3, firstResponse: 5, resolution: 5, autoClose: 10 });
    expect(slaPolicy({ verification: 1, autoClose: 20 })).toMatchObject({ verification: 1, autoClose: 20, resolution: 14 });
  });

  it.each([
    ["zero", 0],
    ["a negative number", -3],
    ["a fraction", 2.5],
    ["NaN", Number.NaN],
    ["infinity", Number.POSITIVE_INFINITY],
  ])("ignores an override of %s", (_name, value) => {
    expect(slaPolicy({ resolution: value }).resolution).toBe(14);
  });

  it("ignores an override given as text, as a hand-edited JSON column might hold", () => {
    expect(slaPolicy({ resolution: "5" } as unknown as Record<string, number>).resolution).toBe(14);
  });

  it("ignores clocks it does not know", () => {
    expect(slaPolicy({ escalation: 2 })).toEqual(slaPolicy(null));
  });

  it("never changes the shared defaults", () => {
    slaPolicy({ resolution: 1 }).verification = 99;
    expect(DEFAULT_SLA).toEqual({ verification: 3, firstResponse: 5, resolution: 14, autoClose: 10 });
  });
});
