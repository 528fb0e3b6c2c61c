import { describe, expect, it } from "vitest";
import { outboxRow, TOPIC_NAMES } from "@/domain/outbox-topics";
import { registeredTopics } from "../queue/registry";
import "./topics";

describe("the outbox topic table", () => {
  it("has a handler for every topic and a topic for every handler", () => {
    expect([...registeredTopics()].sort()).toEqual([...TOPIC_NAMES].sort());
  });

  it("checks a payload against its topic and derives the dedupe key", () => {
    expect(outboxRow("notify.reporter", 7, { event: "closed", eventId: 42 })).toEqual({ topic: "notify.reporter", payload: { event: "closed", eventId: 42 }, dedupeKey: "notify.reporter:42" });
    expect(outboxRow("sms.reporter_link", 7, { reason: "receipt" }).dedupeKey).toBe("sms.reporter_link:receipt:7");
    expect(outboxRow("sms.reporter_link", 7, { reason: "request" }).dedupeKey).toBeNull();
    expect(() => outboxRow("notify.reporter", 7, { event: "closd", eventId: 42 })).toThrow();
    expect(() => outboxRow("lapor.forward", 7, { eventId: 1 })).toThrow();
  });
});
