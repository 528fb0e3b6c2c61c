import { describe, expect, it } from "vitest";
import { collectFieldErrors } from "./complaint-input";
import { ACTION_FIELDS, inputSchema } from "./action-fields";
import { ACTIONS } from "./workflow";

const errors = (fields: Parameters<typeof inputSchema>[0], input: Record<string, string>) => {
  const parsed = inputSchema(fields).safeParse(input);
  return parsed.success ? null : collectFieldErrors(parsed.error);
};

describe("ACTION_FIELDS", () => {
  it("describes every workflow action, each field once", () => {
    expect(Object.keys(ACTION_FIELDS).sort()).toEqual([...ACTIONS].sort());
    for (const [action, fields] of Object.entries(ACTION_FIELDS)) expect(new Set(fields.map((f) => f.name)).size, action).toBe(fields.length);
  });

  it("a required field left blank is reported beside it; an optional one is simply absent", () => {
    for (const [action, fields] of Object.entries(ACTION_FIELDS)) {
      const blank = Object.fromEntries(fields.map((f) => [f.name, ""]));
      const got = errors(fields, blank) ?? {};
      for (const f of fields) {
        if (f.required) expect(got[f.name], `${action}.${f.name}`).toEqual([f.kind === "rating" ? "rating" : "required"]);
        else expect(got[f.name], `${action}.${f.name}`).toBeUndefined();
      }
    }
    expect(inputSchema(ACTION_FIELDS.correct).parse({ title: " ", categoryCode: "", kelurahan: "" })).toEqual({});
  });

  it("reports every field's problem at once, with the length or value rule in its key", () => {
    expect(errors(ACTION_FIELDS.redispose, { opdCode: "", reason: "abc" })).toEqual({ opdCode: ["required"], reason: ["tooShort|5"] });
    expect(errors(ACTION_FIELDS.respond, { message: "x".repeat(10_001) })).toEqual({ message: ["tooLong|10000"] });
    expect(errors(ACTION_FIELDS.archive, { reason: "bosan" })).toEqual({ reason: ["required"] });
    expect(errors(ACTION_FIELDS.progress_update, { message: "Sedang dikerjakan tim.", expectedDate: "2026-02-30" })).toEqual({ expectedDate: ["invalidDate"] });
    expect(errors(ACTION_FIELDS.rate, { rating: "6" })).toEqual({ rating: ["rating"] });
    expect(errors(ACTION_FIELDS.assign, { userId: "nol" })).toEqual({ userId: ["required"] });
  });

  it("gives the handlers typed, cleaned values and drops what the form does not describe", () => {
    expect(inputSchema(ACTION_FIELDS.dispose).parse({ opdCode: " DISDUKCAPIL ", note: "", code: "BTM-1", templateId: "3" })).toEqual({ opdCode: "DISDUKCAPIL" });
    expect(inputSchema(ACTION_FIELDS.assign).parse({ userId: "7" })).toEqual({ userId: 7 });
    expect(inputSchema(ACTION_FIELDS.rate).parse({ rating: "5", comment: "  Cepat.  " })).toEqual({ rating: 5, comment: "Cepat." });
    expect(inputSchema(ACTION_FIELDS.archive).parse({ reason: "spam" })).toEqual({ reason: "spam" });
    expect(inputSchema(ACTION_FIELDS.accept).parse({ anything: "x" })).toEqual({});
  });
});
