import { describe, expect, it } from "vitest";
import { COMPLAINT_STATUSES } from "./complaint-status";
import { OPEN311_EXTENDED_STATUSES, OPEN311_STATUS_MAP, open311ExtendedStatus, open311Status, updateClosesComplaint } from "./open311";

describe("Open311 status mapping", () => {
  it.each([
    ["received", null, "open", "open"],
    ["disposed", "dispose", "open", "investigating"],
    ["disposed", "redispose", "open", "internal_referral"],
    ["received", "return", "open", "internal_referral"],
    ["in_progress", "accept", "open", "in_progress"],
    ["awaiting_reporter", "request_info", "open", "investigating"],
    ["responded", "respond", "open", "fixed"],
    ["closed", "accept_response", "closed", "fixed"],
    ["archived", "archive", "closed", "no_further_action"],
    ["archived", "merge", "closed", "duplicate"],
    ["forwarded", "forward", "closed", "not_councils_responsibility"],
  ] as const)("%s after %s is %s / %s", (status, action, basic, extended) => {
    expect(open311Status(status)).toBe(basic);
    expect(open311ExtendedStatus(status, action)).toBe(extended);
  });

  it("maps every Pintu status to one of the extension's statuses", () => {
    for (const s of COMPLAINT_STATUSES) {
      const m = OPEN311_STATUS_MAP[s];
      expect(OPEN311_EXTENDED_STATUSES).toContain(m.extended);
      for (const v of Object.values(m.byAction ?? {})) expect(OPEN311_EXTENDED_STATUSES).toContain(v);
    }
  });

  it("reads FixMyStreet's closing statuses in any case", () => {
    expect(updateClosesComplaint("CLOSED")).toBe(true);
    expect(updateClosesComplaint("fixed")).toBe(true);
    expect(updateClosesComplaint("OPEN")).toBe(false);
    expect(updateClosesComplaint(undefined)).toBe(false);
  });
});
