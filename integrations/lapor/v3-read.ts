/**
 * How the LAPOR v3 adapter reads LAPOR's payloads: read what a decision needs, tolerate the rest.
 * CONTRACTS.md says field types are as observed, not guaranteed: ids come as numbers or
 * strings, statuses as codes or names, optional fields as null, absent, "" (or PHP's `[]`), and
 * fields nobody named appear. A record is unreadable (quarantined) only when a field Pintu needs
 * is missing or wrong; every other field that cannot be read becomes null. The README lists the
 * required fields per payload.
 */
import { z } from "zod";
import { unreadable, type Unreadable } from "./http";

const WIB_OFFSET_MS = 7 * 3600_000;

export const wibTime = z.string().transform((s, ctx) => {
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) {
    ctx.addIssue({ code: "custom", message: `not a DD-MM-YYYY HH:mm:ss time: ${s.slice(0, 40)}` });
    return z.NEVER;
  }
  const [d, mo, y, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se) - WIB_OFFSET_MS);
});

/** LAPOR's status codes. */
export const LAPOR_STATUS = { unverified: 0, verified: 1, disposed: 2, inProgress: 3, done: 4, archived: 5, forwarded: 6 } as const;

/** LAPOR's names for its status codes, as its screens and follow-up templates write them. */
const STATUS_BY_NAME = new Map<string, number>([
  ["belum diverifikasi", 0],
  ["diverifikasi", 1],
  ["didisposisikan", 2],
  ["ditindaklanjuti", 3],
  ["selesai", 4],
  ["diarsipkan", 5],
  ["dialihkan", 6],
]);

/** A status as LAPOR sends it (code, code as text, or name in any case): its code, or null when unknown. */
export function statusOf(v: unknown): number | null {
  if (typeof v === "number") return Number.isInteger(v) && v >= 0 && v <= 6 ? v : null;
  if (typeof v !== "string") return null;
  const s = v.trim().toLowerCase().replace(/[\s_-]+/g, " ");
  if (/^\d+$/.test(s)) return statusOf(Number(s));
  return STATUS_BY_NAME.get(s) ?? null;
}

const blank = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** An optional field: absent, null, "" or [] → null; a value that cannot be read → null too (it decides nothing). */
function optional<T extends z.ZodType>(schema: T) {
  return z.unknown().optional().transform((v): z.output<T> | null => {
    if (blank(v)) return null;
    const p = schema.safeParse(v);
    return p.success ? (p.data as z.output<T>) : null;
  });
}

/** A required id: a non-empty string or a whole number, kept as text. */
export const id = z.union([z.string().trim().min(1), z.number().int()]).transform(String);
const text = z.union([z.string(), z.number()]).transform(String);
const optText = optional(text);
const optId = optional(id);
const status = z.unknown().optional().transform(statusOf);
/** A yes/no flag LAPOR writes as a boolean, 0/1 or their text. */
const flag = z.union([z.boolean(), z.literal(0), z.literal(1), z.enum(["0", "1", "true", "false"])]).transform((v) => v === true || v === 1 || v === "1" || v === "true");

const attachment = z.object({ id, name: optText, mime: optText, url: z.string().min(1) });

export const complaintSchema = z.object({
  // Needed: which LAPOR complaint (id), what it says and Pintu's reference in it (content), and
  // who may see the reporter (is_anonymous, is_secret): a privacy decision is never guessed.
  id,
  content: z.string(),
  is_anonymous: flag,
  is_secret: flag,
  tracking_id: optId,
  title: optText.transform((v) => v ?? ""),
  channel: optText,
  classification_id: optId,
  category_id: optId,
  location_id: optId,
  location_name: optText,
  date_of_incident: optText,
  reporter: optional(z.object({ name: optText, phone: optText, email: optText })),
  status_code: status,
  status_name: optText,
  // An attachment without an id or url cannot be fetched; the others still are.
  attachments: optional(z.array(z.unknown())).transform((list) => (list ?? []).flatMap((a) => {
    const p = attachment.safeParse(a);
    return p.success ? [{ ...p.data, name: p.data.name ?? `lampiran-${p.data.id}` }] : [];
  })),
  created_at: optional(wibTime),
  updated_at: optional(wibTime),
});
export type LaporComplaint = z.output<typeof complaintSchema>;

export const followupSchema = z
  .object({
    // Needed: which entry (id), who wrote it (author_type) and what it says (content; a rating may come without text).
    id,
    author_type: z.string().transform((s) => s.trim().toLowerCase()).pipe(z.enum(["institution", "reporter"])),
    content: optText,
    rating: optional(z.coerce.number().int().min(1).max(5)),
    created_at: optional(wibTime),
    institution_from_name: optText,
    institution_to_name: optText,
    status_old: status,
    status_new: status,
    template_code: optText,
  })
  .superRefine((f, ctx) => {
    if (f.content === null && f.rating === null) ctx.addIssue({ code: "custom", path: ["content"], message: "missing (and no rating)" });
  })
  .transform((f) => ({ ...f, content: f.content ?? "" }));
export type LaporFollowup = z.output<typeof followupSchema>;

export const institutionSchema = z.object({ id, name: z.string().trim().min(1) });

export const reason = (e: z.ZodError) => e.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");

/** One entry of a list as LAPOR sent it, and what the adapter read from it (null: unreadable). */
export type Entry<T> = { value: unknown; item: T | null };
export type Parsed<T> = { items: T[]; unreadable: Unreadable[]; entries: Entry<T>[] };

/** Parses each element separately: one unreadable item never hides the others, and every raw entry stays at hand. */
export function parseItems<T extends z.ZodType>(source: string, raw: unknown[], schema: T): Parsed<z.output<T>> {
  const items: z.output<T>[] = [];
  const bad: Unreadable[] = [];
  const entries: Entry<z.output<T>>[] = [];
  for (const value of raw) {
    const p = schema.safeParse(value);
    if (p.success) items.push(p.data);
    else bad.push(unreadable(source, JSON.stringify(value), reason(p.error)));
    entries.push({ value, item: p.success ? p.data : null });
  }
  return { items, unreadable: bad, entries };
}

/** True when the raw entry, whatever its shape, carries `marker` anywhere in its text. */
export const rawHas = (value: unknown, marker: string) => JSON.stringify(value ?? null).includes(marker);

/** The id of a raw entry the adapter could not read, if it has a usable one. */
export function looseId(value: unknown, key = "id"): string | null {
  if (!value || typeof value !== "object") return null;
  const p = id.safeParse((value as Record<string, unknown>)[key]);
  return p.success ? p.data : null;
}
