import { describe, expect, it } from "vitest";
import { COMPLAINT_STATUSES } from "./complaint-status";
import { checkLaporTrackingId, integrationHealth, LAPOR_CODES_FOR, parseLaporId, statusesAgree, type HealthInput } from "./lapor-ops";

const NOW = new Date("2026-03-02T03:00:00Z");
const healthy: HealthInput = { configured: true, halt: null, dead: 0, oldestDueAgeMs: 5_000, lastPollOkAt: new Date(NOW.getTime() - 30_000), lastPollErrorAt: null, pollEveryMs: 60_000, now: NOW };

describe("integration health", () => {
  it.each<[string, Partial<HealthInput>, string, string[]]>([
    ["everything flowing", {}, "ok", []],
    ["LAPOR_BASE_URL unset", { configured: false, lastPollOkAt: null }, "disabled", []],
    ["the worker halted the channel on a 401", { halt: { reason: "401" } }, "halted", ["halted"]],
    ["dead letters wait", { dead: 2 }, "degraded", ["dead_letters"]],
    ["the oldest due item waited 11 minutes", { oldestDueAgeMs: 11 * 60_000 }, "degraded", ["backlog_old"]],
    ["the last poll failed after the last success", { lastPollErrorAt: new Date(NOW.getTime() - 1_000) }, "degraded", ["poll_failing"]],
    ["no successful poll for 20 minutes", { lastPollOkAt: new Date(NOW.getTime() - 20 * 60_000) }, "degraded", ["poll_stale"]],
    ["switched off with dead letters left", { configured: false, dead: 1 }, "disabled", ["dead_letters"]],
  ])("%s → %s", (_name, change, state, reasons) => {
    expect(integrationHealth({ ...healthy, ...change })).toEqual({ state, reasons });
  });
});

describe("Pintu and LAPOR statuses", () => {
  it("gives every Pintu status at least one LAPOR code, and tells differences apart", () => {
    for (const s of COMPLAINT_STATUSES) expect(LAPOR_CODES_FOR[s].length).toBeGreaterThan(0);
    expect(statusesAgree("received", 1)).toBe(true);
    expect(statusesAgree("responded", 4)).toBe(true);
    expect(statusesAgree("closed", 3)).toBe(false);
    expect(statusesAgree("forwarded", 6)).toBe(true);
    expect(statusesAgree("archived", 4)).toBe(false);
  });

  it("accepts LAPOR ids of letters, digits, - and _ only", () => {
    expect(parseLaporId(" 123 ")).toEqual({ ok: true, value: "123" });
    expect(parseLaporId("INST_9-a")).toEqual({ ok: true, value: "INST_9-a" });
    expect(parseLaporId("")).toEqual({ ok: false, error: "required" });
    expect(parseLaporId("12 3")).toEqual({ ok: false, error: "laporIdFormat" });
    expect(parseLaporId("x".repeat(41))).toEqual({ ok: false, error: "laporIdFormat" });
  });
});

describe("LAPOR tracking numbers typed in manual mode", () => {
  it("keeps a trimmed number of letters, digits and . _ / - and refuses anything else", () => {
    expect(checkLaporTrackingId("  LAPOR-100234 ")).toEqual({ ok: true, value: "LAPOR-100234" });
    expect(checkLaporTrackingId("3287263")).toEqual({ ok: true, value: "3287263" });
    expect(checkLaporTrackingId("2026/BTM.17_a")).toEqual({ ok: true, value: "2026/BTM.17_a" });
    for (const bad of ["", "   ", "-12", "12-", "LAPOR 12", "=cmd()", "x".repeat(61), "nomor#1"]) {
      expect(checkLaporTrackingId(bad)).toEqual({ ok: false, error: "trackingIdFormat" });
    }
  });
});
