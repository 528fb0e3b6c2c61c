import { describe, expect, it } from "vitest";
import { wib } from "@/test/fixtures";
import { clockState, clockWindow, deadlineOutcome, DEFAULT_SLA, shiftWindow, slaPolicy } from "./sla";
import type { WorkingCalendar } from "./working-days";

const WD: WorkingCalendar = { timeZone: "Asia/Jakarta", holidays: new Set() };

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

describe("clockWindow, shiftWindow and clockState", () => {
  const cal: WorkingCalendar = { timeZone: "Asia/Jakarta", holidays: new Set(["2026-03-04"]) };
  it.each([
    // start, days, due, at-risk moment (80 % of the working time)
    ["a 3-day verification from Monday 10:00", "2026-03-02 10:00", 3, "2026-03-05 10:00", "2026-03-04 19:36", WD],
    ["a 5-day first response from Thursday 10:00 over a weekend", "2026-03-05 10:00", 5, "2026-03-12 10:00", "2026-03-11 10:00", WD],
    ["a 3-day clock with a holiday inside", "2026-03-02 10:00", 3, "2026-03-06 10:00", "2026-03-05 19:36", cal],
    ["a start on Saturday: due at the end of Wednesday, at risk from Wednesday 09:36", "2026-03-07 14:00", 3, "2026-03-11 23:59:59.999", "2026-03-11 09:36", WD],
  ])("%s", (_name, start, n, due, riskAt, c) => {
    const w = clockWindow(wib(start), n, c);
    expect(w.due.toISOString()).toBe(wib(due).toISOString());
    expect(w.riskAt.toISOString()).toBe(wib(riskAt).toISOString());
  });

  it("moves both moments by a pause that spanned a weekend, in working time", () => {
    const w = clockWindow(wib("2026-03-02 10:00"), 3, WD); // due Thu 10:00, risk Wed 19:36
    const shifted = shiftWindow(w, 18 * 3_600_000, WD); // paused Fri 15:00 → Mon 09:00
    expect(shifted.due.toISOString()).toBe(wib("2026-03-06 04:00").toISOString());
    expect(shifted.riskAt.toISOString()).toBe(wib("2026-03-05 13:36").toISOString());
    expect(shiftWindow(w, 0, WD)).toBe(w);
  });

  it("says on track, at risk from 80 %, breached after the deadline", () => {
    const w = clockWindow(wib("2026-03-02 10:00"), 3, WD);
    expect(clockState(w, wib("2026-03-04 19:35"))).toBe("on_track");
    expect(clockState(w, wib("2026-03-04 19:36"))).toBe("at_risk");
    expect(clockState(w, wib("2026-03-05 10:00"))).toBe("at_risk");
    expect(clockState(w, wib("2026-03-05 10:01"))).toBe("breached");
  });
});

describe("deadlineOutcome", () => {
  const due = new Date("2026-03-10T10:00:00Z");
  const before = new Date("2026-03-09T10:00:00Z");
  const after = new Date("2026-03-11T10:00:00Z");

  it("marks a step done by its deadline met, and one done after it late, whatever the status now", () => {
    expect(deadlineOutcome(due, before, "closed", after)).toBe("met");
    expect(deadlineOutcome(due, due, "responded", after)).toBe("met");
    expect(deadlineOutcome(due, after, "in_progress", after)).toBe("late");
  });

  it("marks a passed deadline of an open complaint missed, a future one pending", () => {
    expect(deadlineOutcome(due, null, "in_progress", after)).toBe("missed");
    expect(deadlineOutcome(due, null, "disposed", before)).toBe("pending");
  });

  it("says paused while the complaint waits for the reporter, void when it ended without the step, null when it never started", () => {
    expect(deadlineOutcome(due, null, "awaiting_reporter", after)).toBe("paused");
    expect(deadlineOutcome(due, null, "forwarded", after)).toBe("void");
    expect(deadlineOutcome(due, null, "archived", after)).toBe("void");
    expect(deadlineOutcome(null, null, "received", after)).toBeNull();
  });
});
