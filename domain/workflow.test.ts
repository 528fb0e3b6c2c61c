import { describe, expect, it } from "vitest";
import { COMPLAINT_STATUSES, type ComplaintStatus } from "./complaint-status";
import { allowedActions, transition, WORKFLOW, type Action, type Actor } from "./workflow";

const state = (status: ComplaintStatus, previousStatus: ComplaintStatus | null = null, mergedInto: number | null = null) => ({ status, previousStatus, mergedInto });

describe("workflow table", () => {
  // The lifecycle of PRODUCT.md, row by row: from, action, actor, to.
  const lifecycle: [ComplaintStatus, Action, Actor, ComplaintStatus][] = [
    ["received", "dispose", "coordinator", "disposed"],
    ["received", "archive", "coordinator", "archived"],
    ["received", "forward", "coordinator", "forwarded"],
    ["received", "merge", "coordinator", "archived"],
    ["in_progress", "merge", "coordinator", "archived"],
    ["disposed", "redispose", "coordinator", "disposed"],
    ["in_progress", "redispose", "coordinator", "disposed"],
    ["disposed", "accept", "opd_officer", "in_progress"],
    ["disposed", "accept", "opd_head", "in_progress"],
    ["disposed", "return", "opd_officer", "received"],
    ["in_progress", "return", "opd_head", "received"],
    ["received", "request_info", "coordinator", "awaiting_reporter"],
    ["disposed", "request_info", "opd_officer", "awaiting_reporter"],
    ["in_progress", "request_info", "opd_officer", "awaiting_reporter"],
    ["in_progress", "respond", "opd_officer", "responded"],
    ["in_progress", "progress_update", "opd_officer", "in_progress"],
    ["in_progress", "progress_update", "opd_head", "in_progress"],
    ["responded", "accept_response", "reporter", "closed"],
    ["responded", "auto_close", "system", "closed"],
    ["responded", "object", "reporter", "in_progress"],
    ["closed", "rate", "reporter", "closed"],
  ];
  it.each(lifecycle)("%s --%s by %s--> %s", (from, action, actor, to) => {
    expect(transition(state(from), action, actor)).toMatchObject({ ok: true, from, to });
  });

  it.each([
    ["awaiting_reporter", "reporter_reply", "reporter", "in_progress"],
    ["awaiting_reporter", "resume", "opd_officer", "disposed"],
    ["awaiting_reporter", "resume", "coordinator", "received"],
  ] as const)("%s --%s by %s--> back to where it paused (%s)", (from, action, actor, previous) => {
    expect(transition(state(from, previous), action, actor)).toMatchObject({ ok: true, to: previous });
  });

  it("refuses an action that the status does not allow", () => {
    expect(transition(state("received"), "respond", "opd_officer")).toEqual({ ok: false, reason: "not_allowed" });
    expect(transition(state("closed"), "object", "reporter")).toEqual({ ok: false, reason: "not_allowed" });
    expect(transition(state("archived"), "dispose", "coordinator")).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("refuses an allowed action by the wrong actor", () => {
    expect(transition(state("received"), "dispose", "opd_officer")).toEqual({ ok: false, reason: "wrong_actor" });
    expect(transition(state("in_progress"), "respond", "coordinator")).toEqual({ ok: false, reason: "wrong_actor" });
    expect(transition(state("disposed"), "assign", "opd_officer")).toEqual({ ok: false, reason: "wrong_actor" });
    expect(transition(state("in_progress"), "progress_update", "coordinator")).toEqual({ ok: false, reason: "wrong_actor" });
    expect(transition(state("disposed"), "progress_update", "opd_officer")).toEqual({ ok: false, reason: "not_allowed" });
    expect(transition(state("responded"), "accept_response", "coordinator")).toEqual({ ok: false, reason: "wrong_actor" });
  });

  it("only unmerges a complaint that was merged, back to its status before the merge", () => {
    expect(transition(state("archived"), "unmerge", "coordinator")).toEqual({ ok: false, reason: "not_allowed" });
    expect(transition(state("archived", "disposed", 42), "unmerge", "coordinator")).toMatchObject({ ok: true, to: "disposed" });
  });

  it("gives auditors and admins no workflow action anywhere", () => {
    for (const s of COMPLAINT_STATUSES) {
      expect(allowedActions(state(s, "received", 1), "auditor")).toEqual([]);
      expect(allowedActions(state(s, "received", 1), "admin")).toEqual([]);
    }
  });

  it("lists the buttons an OPD officer sees on a disposed complaint, in table order", () => {
    expect(allowedActions(state("disposed"), "opd_officer")).toEqual(["accept", "return", "request_info", "note"]);
    expect(allowedActions(state("disposed"), "opd_head")).toEqual(["accept", "return", "request_info", "assign", "note"]);
  });

  it("has a rule list for every status", () => {
    expect(Object.keys(WORKFLOW).sort()).toEqual([...COMPLAINT_STATUSES].sort());
  });
});
