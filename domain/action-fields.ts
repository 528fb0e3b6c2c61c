import { z } from "zod";
import { cleanText } from "./complaint-input";
import type { Action } from "./workflow";

/**
 * What each workflow action asks of the person taking it, field by field: one description drives
 * both the validation (`inputSchema`, used by server/workflow/inputs.ts) and the rendered form
 * (components/staff/action-forms.tsx). A field's label is the catalogue key `staff.fields.<name>`;
 * error messages are keys under `errors` ("required", "tooShort|10", "tooLong|2000", …).
 */

/** Where a select's choices come from: the lists the page passes to the form. */
type OptionSource = "opds" | "externals" | "categories" | "kelurahan" | "officers";
/** Which of the page's suggestions fills a field when the form opens. */
type Prefill = "opdCode" | "externalCode" | "title" | "template";

export type ActionField =
  /** Free text (cleaned, trimmed), `length` characters when given. */
  | { name: string; kind: "text" | "textarea"; required: boolean; length: readonly [number, number]; prefill?: Prefill }
  /** A code typed by hand (another complaint's tracking code). */
  | { name: string; kind: "code"; required: boolean }
  /** One of the page's list (codes; for officers, a user id). */
  | { name: string; kind: "select"; required: boolean; options: OptionSource; prefill?: Prefill }
  /** One of fixed values, labelled `staff.<labels>.<value>`. */
  | { name: string; kind: "choice"; required: boolean; values: readonly [string, ...string[]]; labels: string }
  /** A day, YYYY-MM-DD as <input type="date"> sends it. */
  | { name: string; kind: "date"; required: boolean }
  /** One to five stars. */
  | { name: string; kind: "rating"; required: boolean };

const note = { name: "note", kind: "textarea", required: false, length: [1, 2000] } as const;

/** The fields of each action, in the order the form shows them; actions without input have none. */
export const ACTION_FIELDS = {
  dispose: [{ name: "opdCode", kind: "select", required: true, options: "opds", prefill: "opdCode" }, note],
  redispose: [
    { name: "opdCode", kind: "select", required: true, options: "opds" },
    { name: "reason", kind: "textarea", required: true, length: [5, 2000] },
  ],
  archive: [{ name: "reason", kind: "choice", required: true, values: ["spam", "incomplete", "out_of_scope"], labels: "archiveReasons" }, note],
  forward: [{ name: "externalCode", kind: "select", required: true, options: "externals", prefill: "externalCode" }, note],
  merge: [{ name: "primaryCode", kind: "code", required: true }],
  unmerge: [],
  correct: [
    { name: "title", kind: "text", required: false, length: [5, 150], prefill: "title" },
    { name: "categoryCode", kind: "select", required: false, options: "categories" },
    { name: "kelurahan", kind: "select", required: false, options: "kelurahan" },
  ],
  contact_reporter: [{ name: "message", kind: "textarea", required: true, length: [5, 2000] }],
  accept: [],
  assign: [{ name: "userId", kind: "select", required: true, options: "officers" }],
  note: [{ name: "text", kind: "textarea", required: true, length: [2, 5000] }],
  return: [
    { name: "reason", kind: "textarea", required: true, length: [10, 2000] },
    { name: "suggestedOpdCode", kind: "select", required: false, options: "opds" },
    { name: "suggestedExternalCode", kind: "select", required: false, options: "externals" },
  ],
  request_info: [{ name: "message", kind: "textarea", required: true, length: [10, 2000], prefill: "template" }],
  reporter_reply: [{ name: "message", kind: "textarea", required: true, length: [2, 5000] }],
  resume: [],
  respond: [{ name: "message", kind: "textarea", required: true, length: [20, 10000], prefill: "template" }],
  progress_update: [
    { name: "message", kind: "textarea", required: true, length: [10, 5000] },
    { name: "expectedDate", kind: "date", required: false },
  ],
  accept_response: [],
  object: [{ name: "reason", kind: "textarea", required: true, length: [10, 2000] }],
  auto_close: [],
  rate: [
    { name: "rating", kind: "rating", required: true },
    { name: "comment", kind: "textarea", required: false, length: [1, 2000] },
  ],
} as const satisfies Record<Action, readonly ActionField[]>;

/** Staff actions that may carry files for the reporter (the final answer, a progress update, a request for information). */
export const ACTIONS_WITH_FILES: readonly Action[] = ["respond", "progress_update", "request_info"];

type ValueOf<F> = F extends { kind: "rating" } | { options: "officers" } ? number : F extends { values: readonly (infer V)[] } ? V : string;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** The typed input of a list of fields: required ones always present, the others possibly undefined. */
export type FieldsInput<Fs extends readonly ActionField[]> = Simplify<
  { [F in Extract<Fs[number], { required: true }> as F["name"]]: ValueOf<F> } & { [F in Exclude<Fs[number], { required: true }> as F["name"]]?: ValueOf<F> | undefined }
>;

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
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

function fieldSchema(f: ActionField): z.ZodType {
  switch (f.kind) {
    case "text":
    case "textarea":
      return message(...f.length);
    case "code":
      return code;
    case "select":
      return f.options === "officers" ? z.coerce.number({ error: "required" }).int().positive({ error: "required" }) : code;
    case "choice":
      return z.enum(f.values, { error: "required" });
    case "date":
      return z.iso.date({ error: "invalidDate" });
    case "rating":
      return z.coerce.number({ error: "rating" }).int({ error: "rating" }).min(1, { error: "rating" }).max(5, { error: "rating" });
  }
}

/** The zod schema of a list of fields (a blank optional field is absent). */
export function inputSchema<const Fs extends readonly ActionField[]>(fields: Fs): z.ZodType<FieldsInput<Fs>> {
  return z.object(Object.fromEntries(fields.map((f) => [f.name, f.required ? fieldSchema(f) : optional(fieldSchema(f))]))) as unknown as z.ZodType<FieldsInput<Fs>>;
}
