import { describe, expect, it } from "vitest";
import { wib } from "@/test/fixtures";
import { listClock } from "./list-clock";
import type { WorkingCalendar } from "./working-days";

const cal: WorkingCalendar = { timeZone: "Asia/Jakarta", holidays: new Set(["2026-03-04"]) };

describe("listClock", () => {
  it("counts whole working days left, skipping the weekend and holidays", () => {
    // Monday 10:00 → Friday 10:00 with Wednesday a holiday: 3 working days.
    expect(listClock({ status: "disposed", deadline: wib("2026-03-06 10:00"), riskAt: wib("2026-03-05 10:00") }, wib("2026-03-02 10:00"), cal)).toEqual({ state: "on_track", daysLeft: 3 });
    // Friday 16:00 → Monday 10:00: less than one working day, at risk.
    expect(listClock({ status: "in_progress", deadline: wib("2026-03-09 10:00"), riskAt: wib("2026-03-06 09:00") }, wib("2026-03-06 16:00"), cal)).toEqual({ state: "at_risk", daysLeft: 0 });
  });

  it("says how many working days late a breached deadline is", () => {
    expect(listClock({ status: "received", deadline: wib("2026-03-02 10:00"), riskAt: null }, wib("2026-03-06 11:00"), cal)).toEqual({ state: "breached", daysLate: 3 });
  });

  it("shows a paused clock as paused and closed complaints as having none", () => {
    expect(listClock({ status: "awaiting_reporter", deadline: wib("2026-03-02 10:00"), riskAt: null }, wib("2026-03-06 11:00"), cal)).toEqual({ state: "paused" });
    expect(listClock({ status: "closed", deadline: wib("2026-03-02 10:00"), riskAt: null }, wib("2026-03-06 11:00"), cal)).toEqual({ state: "none" });
    expect(listClock({ status: "received", deadline: null, riskAt: null }, wib("2026-03-06 11:00"), cal)).toEqual({ state: "none" });
  });
});
