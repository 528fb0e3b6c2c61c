import { z } from "zod";
import { inIndonesia } from "./geo";
import { normalizePhone } from "./phone";

// This schema also validates in the browser, where zod would first try `new Function` to compile
// faster parsers; the Content-Security-Policy (no `unsafe-eval`) refuses that and reports a
// violation. Without it zod parses just as correctly.
if (typeof window !== "undefined") z.config({ jitless: true });

/**
 * Field errors are message-catalogue keys, optionally with one parameter after a `|`
 * (e.g. `tooShort|5`), so the browser, the form action and the JSON API all show the same text
 * in the reader's language.
 */
export type FieldErrors = Record<string, string[]>;

export const LIMITS = {
  titleMin: 5,
  titleMax: 150,
  bodyMin: 20,
  bodyMax: 5000,
  addressMax: 300,
  nameMax: 120,
  emailMax: 254,
  maxAttachments: 5,
  maxAttachmentBytes: 5 * 1024 * 1024,
} as const;

/**
 * Multipart/JSON intake bodies larger than this are refused before parsing: 5 files × 5 MB plus
 * text (the JSON API, Open311; `scripts/fast-paths.ts` reads no more than this plus one byte).
 */
export const MAX_BODY_BYTES = LIMITS.maxAttachments * LIMITS.maxAttachmentBytes + 1024 * 1024;

/** The earliest incident date accepted (form `min`, API check). */
export const EARLIEST_INCIDENT_DATE = "1900-01-01";

/** Strips control characters except newline and tab, and normalises line endings. */
export function cleanText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const text = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? cleanText(v).trim() : v),
    z
      .string({ error: (iss) => (iss.input === undefined ? "required" : "invalid") })
      .min(1, { error: "required" })
      // Not `abort` on "required": an aborting issue would also silence the object's
      // coordinates check below, and every field's error should be reported at once.
      .refine((s) => s.length === 0 || s.length >= min, { error: `tooShort|${min}` })
      .max(max, { error: `tooLong|${max}` }),
  );

const optionalText = (max: number) =>
  z.preprocess(
    (v) => emptyToUndefined(typeof v === "string" ? cleanText(v).trim() : v),
    z.string({ error: "invalid" }).max(max, { error: `tooLong|${max}` }).optional(),
  );

const flag = z.preprocess(
  (v) => {
    if (v === undefined || v === null || v === "") return false;
    if (typeof v === "string") {
      const s = v.toLowerCase();
      if (s === "true" || s === "on" || s === "1") return true;
      if (s === "false" || s === "off" || s === "0") return false;
    }
    return v;
  },
  z.boolean({ error: "invalid" }),
);

const coordinate = (limit: number) =>
  z.preprocess(
    (v) => {
      const e = emptyToUndefined(v);
      return typeof e === "string" ? Number(e.replace(",", ".")) : e;
    },
    z.number({ error: "invalid" }).finite({ error: "invalid" }).min(-limit, { error: "invalid" }).max(limit, { error: "invalid" }).optional(),
  );

/**
 * The one schema for a citizen's complaint, used by the web form (in the browser and in the
 * server action) and by the JSON API. `today` is the current date in the region's time zone
 * (YYYY-MM-DD), passed in so the schema has no clock of its own.
 */
function complaintInputSchema(today: string) {
  return z
    .object({
      title: text(LIMITS.titleMin, LIMITS.titleMax),
      body: text(LIMITS.bodyMin, LIMITS.bodyMax),
      categoryCode: optionalText(40),
      kecamatan: optionalText(100),
      kelurahan: optionalText(100),
      address: optionalText(LIMITS.addressMax),
      lat: coordinate(90),
      lon: coordinate(180),
      incidentDate: z.preprocess(
        emptyToUndefined,
        z
          .string({ error: "invalid" })
          .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "dateFormat" })
          .refine(isRealDate, { error: "dateFormat" })
          // A range the database and a reader can make sense of: year 0000 is not a date anyone saw.
          .refine((d) => !isRealDate(d) || d >= EARLIEST_INCIDENT_DATE, { error: "tooOld" })
          .refine((d) => d <= today, { error: "future" })
          .optional(),
      ),
      reporterName: optionalText(LIMITS.nameMax),
      reporterPhone: z.preprocess(
        emptyToUndefined,
        z
          .string({ error: "invalid" })
          .max(25, { error: "phone" })
          .transform((v, ctx) => {
            const phone = normalizePhone(v);
            if (!phone) {
              ctx.addIssue({ code: "custom", message: "phone" });
              return z.NEVER;
            }
            return phone;
          })
          .optional(),
      ),
      reporterEmail: z.preprocess(
        (v) => emptyToUndefined(typeof v === "string" ? v.trim() : v),
        z.email({ error: "email" }).max(LIMITS.emailMax, { error: "email" }).optional(),
      ),
      nik: z.preprocess(
        (v) => emptyToUndefined(typeof v === "string" ? v.replace(/\s/g, "") : v),
        z.string({ error: "nik" }).regex(/^\d{16}$/, { error: "nik" }).optional(),
      ),
      anonymous: flag,
      confidential: flag,
    })
    .superRefine(
      (v, ctx) => {
        if ((v.lat === undefined) !== (v.lon === undefined)) {
          ctx.addIssue({ code: "custom", path: [v.lat === undefined ? "lat" : "lon"], message: "coordinatesPair" });
        } else if (typeof v.lat === "number" && typeof v.lon === "number" && Math.abs(v.lat) <= 90 && Math.abs(v.lon) <= 180 && !inIndonesia({ lat: v.lat, lon: v.lon })) {
          // A point in range but not in Indonesia: swapped, 0,0, or a phone's stale fix abroad.
          ctx.addIssue({ code: "custom", path: ["lat"], message: "outsideIndonesia" });
        }
      },
      // Zod skips object refinements once a field has an aborting error (e.g. an empty title);
      // run it anyway so every field's error is reported in one round.
      { when: (payload) => typeof payload.value === "object" && payload.value !== null },
    );
}

export type ComplaintInput = z.output<ReturnType<typeof complaintInputSchema>>;

/** The field names a complaint submission may carry, in form order. */
export const COMPLAINT_FIELDS = [
  "title",
  "body",
  "categoryCode",
  "kecamatan",
  "kelurahan",
  "address",
  "lat",
  "lon",
  "incidentDate",
  "reporterName",
  "reporterPhone",
  "reporterEmail",
  "nik",
  "anonymous",
  "confidential",
] as const;

// Building a zod schema costs more than using it: keep the one for the current day.
let cached: { today: string; schema: ReturnType<typeof complaintInputSchema> } | undefined;
function schemaFor(today: string) {
  if (cached?.today !== today) cached = { today, schema: complaintInputSchema(today) };
  return cached.schema;
}

/** Validates a submission, returning every field's errors (not only the first). */
export function parseComplaintInput(
  raw: unknown,
  today: string,
): { ok: true; value: ComplaintInput } | { ok: false; fieldErrors: FieldErrors } {
  const result = schemaFor(today).safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, fieldErrors: collectFieldErrors(result.error) };
}

/** Groups a zod error's issues by top-level field, keeping each field's messages in order. */
export function collectFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    const list = (out[field] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
