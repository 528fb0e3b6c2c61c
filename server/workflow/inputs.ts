import { z } from "zod";
import { cleanText } from "@/domain/complaint-input";
import type { Action } from "@/domain/workflow";

const message = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? cleanText(v).trim() : v),
    z
      .string({ error: "required" })
      .min(1, { error: "required" })
      .refine((s) => s.length === 0 || s.length >= min, { error: `tooShort|${min}` })
      .max(max, { error: `tooLong|${max}` }),
  );
const code = z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string({ error: "required" }).min(1, { error: "required" }).max(60));
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** What each action needs from the person taking it; actions without input take an empty object. */
export const ACTION_INPUTS = {
  dispose: z.object({ opdCode: code, note: optional(message(1, 2000)) }),
  redispose: z.object({ opdCode: code, reason: message(5, 2000) }),
  archive: z.object({ reason: z.enum(["spam", "incomplete", "out_of_scope"], { error: "required" }), note: optional(message(1, 2000)) }),
  forward: z.object({ externalCode: code, note: optional(message(1, 2000)) }),
  merge: z.object({ primaryCode: code }),
  unmerge: z.object({}),
  correct: z.object({
    title: optional(message(5, 150)),
    categoryCode: optional(code),
    kelurahan: optional(code),
  }),
  contact_reporter: z.object({ message: message(5, 2000) }),
  accept: z.object({}),
  assign: z.object({ userId: z.coerce.number({ error: "required" }).int().positive({ error: "required" }) }),
  note: z.object({ text: message(2, 5000) }),
  return: z.object({ reason: message(10, 2000), suggestedOpdCode: optional(code), suggestedExternalCode: optional(code) }),
  request_info: z.object({ message: message(10, 2000) }),
  reporter_reply: z.object({ message: message(2, 5000) }),
  resume: z.object({}),
  respond: z.object({ message: message(20, 10000) }),
  progress_update: z.object({
    message: message(10, 5000),
    // A day (YYYY-MM-DD, as <input type="date"> sends it); checked against the deadline by the handler.
    expectedDate: optional(z.iso.date({ error: "invalidDate" })),
  }),
  accept_response: z.object({}),
  object: z.object({ reason: message(10, 2000) }),
  auto_close: z.object({}),
  rate: z.object({ rating: z.coerce.number({ error: "rating" }).int({ error: "rating" }).min(1, { error: "rating" }).max(5, { error: "rating" }), comment: optional(message(1, 2000)) }),
} satisfies Record<Action, z.ZodType>;

export type ActionInput<A extends Action> = z.output<(typeof ACTION_INPUTS)[A]>;
