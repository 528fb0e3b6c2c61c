import { describe, expect, it } from "vitest";
import { TOPIC_NAMES } from "@/domain/outbox-topics";
import { registeredTopics } from "@/queue/registry";
import "./topics";

describe("the outbox topic table", () => {
  it("has a handler for every topic and a topic for every handler", () => {
    expect([...registeredTopics()].sort()).toEqual([...TOPIC_NAMES].sort());
  });
});
