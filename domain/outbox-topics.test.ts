import { describe, expect, it } from "vitest";
import { laporTask, outboxRow, storedEventId, storedPayload, topicFor, TOPIC_NAMES } from "./outbox-topics";

describe("the outbox topic table", () => {
  it("checks a payload against its topic and derives the dedupe key", () => {
    expect(outboxRow("notify.reporter", 7, { event: "closed", eventId: 42 })).toEqual({ topic: "notify.reporter", payload: { event: "closed", eventId: 42 }, dedupeKey: "notify.reporter:42" });
    expect(outboxRow("sms.reporter_link", 7, { reason: "receipt" }).dedupeKey).toBe("sms.reporter_link:receipt:7");
    expect(outboxRow("sms.reporter_link", 7, { reason: "request" }).dedupeKey).toBeNull();
    expect(() => outboxRow("notify.reporter", 7, { event: "closd", eventId: 42 })).toThrow();
    expect(() => outboxRow("lapor.forward", 7, { eventId: 1 })).toThrow();
  });

  it("names the topic of each message to a reporter on each channel, all of them in the table", () => {
    for (const ch of ["sms", "email"] as const) {
      for (const kind of ["notify", "reporter_link", "reporter_code"] as const) expect(TOPIC_NAMES).toContain(topicFor(ch, kind));
    }
    expect(topicFor("email", "reporter_code")).toBe("email.reporter_code");
  });

  it("names the LAPOR task of each LAPOR topic and of nothing else", () => {
    expect(laporTask("lapor.create_complaint")).toBe("create_complaint");
    expect(laporTask("lapor.forward")).toBe("forward");
    expect(laporTask("lapor.followup")).toBe("followup");
    expect(laporTask("lapor.poll")).toBeNull();
    expect(laporTask("notify.reporter")).toBeNull();
    expect(TOPIC_NAMES.filter((n) => laporTask(n) !== null)).toEqual(["lapor.create_complaint", "lapor.followup", "lapor.forward"]);
  });
});

describe("stored payloads read through the topic table", () => {
  it("types a payload that fits its topic and refuses one that does not, or an unknown topic", () => {
    expect(storedPayload("lapor.forward", { externalCode: "BPN", eventId: 7 })).toEqual({ topic: "lapor.forward", payload: { externalCode: "BPN", eventId: 7 } });
    expect(storedPayload("lapor.forward", { externalCode: "", eventId: 7 })).toBeNull();
    expect(storedPayload("lapor.followup", { eventId: "7" })).toBeNull();
    expect(storedPayload("no.such_topic", { eventId: 7 })).toBeNull();
  });

  it("finds the event of the topics that carry one, and none elsewhere", () => {
    expect(storedEventId("lapor.followup", { eventId: 12 })).toBe(12);
    expect(storedEventId("lapor.create_complaint", { complaintId: 12 })).toBeNull();
    expect(storedEventId("lapor.followup", { eventId: -1 })).toBeNull();
  });
});
