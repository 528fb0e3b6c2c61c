import { describe, expect, it } from "vitest";
import { isLateBounce, shareDue } from "./opd-share";

const d = (iso: string) => new Date(iso);
const base = { firstResponseDue: d("2026-03-02T09:00:00Z"), firstRespondedAt: null, resolutionDue: d("2026-03-10T09:00:00Z"), endedAt: null };

describe("shareDue", () => {
  it("is the first-response deadline until the OPD has written, then the resolution deadline", () => {
    expect(shareDue(base)).toEqual(base.firstResponseDue);
    expect(shareDue({ ...base, firstRespondedAt: d("2026-03-01T09:00:00Z") })).toEqual(base.resolutionDue);
  });
  it("never picks a first-response deadline later than the resolution one, and nothing once ended", () => {
    expect(shareDue({ ...base, firstResponseDue: d("2026-03-12T09:00:00Z") })).toEqual(base.resolutionDue);
    expect(shareDue({ ...base, endedAt: d("2026-03-01T09:00:00Z") })).toBeNull();
  });
});

describe("isLateBounce", () => {
  it("is late only for a return or re-disposition after the first-response deadline", () => {
    const late = { ...base, endedAt: d("2026-03-03T09:00:00Z") };
    expect(isLateBounce({ ...late, endReason: "returned" })).toBe(true);
    expect(isLateBounce({ ...late, endReason: "redisposed" })).toBe(true);
    expect(isLateBounce({ ...late, endReason: "closed" })).toBe(false);
    expect(isLateBounce({ ...base, endedAt: d("2026-03-01T09:00:00Z"), endReason: "returned" })).toBe(false);
  });
  it("falls back to the resolution deadline when the share had no first-response deadline", () => {
    const noFirst = { ...base, firstResponseDue: null, endReason: "returned" };
    expect(isLateBounce({ ...noFirst, endedAt: d("2026-03-09T09:00:00Z") })).toBe(false);
    expect(isLateBounce({ ...noFirst, endedAt: d("2026-03-11T09:00:00Z") })).toBe(true);
  });
});
