import { parse } from "csv-parse/sync";
import { z } from "zod";
import { LAPOR_STATUS_CODES } from "./lapor-ops";

/** One complaint of a LAPOR export file, in LAPOR's own terms. */
export type LaporRecord = {
  id: string;
  trackingId: string | null;
  title: string;
  content: string;
  categoryId: string | null;
  locationId: string | null;
  /** YYYY-MM-DD. */
  dateOfIncident: string | null;
  anonymous: boolean;
  secret: boolean;
  reporter: { name: string | null; phone: string | null; email: string | null };
  statusCode: number | null;
};

/** A row the import could not use, by its place in the file (data rows count from 1). */
export type RowError = { row: number; field: string; error: string };

const IMPORT_LIMITS = { maxRows: 10_000 } as const;

const str = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
// `.optional()` (not only z.undefined() in the union) so that a missing column is allowed.
const optStr = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined || String(v).trim() === "" ? null : String(v).trim()));
const flag = z.union([z.boolean(), z.number(), z.string(), z.null()]).optional().transform((v, ctx) => {
  if (v === null || v === undefined || v === "") return false;
  const s = String(v).trim().toLowerCase();
  if (["1", "true", "ya", "yes"].includes(s)) return true;
  if (["0", "false", "tidak", "no"].includes(s)) return false;
  ctx.addIssue({ code: "custom", message: "flag" });
  return z.NEVER;
});

/** LAPOR writes dates as DD-MM-YYYY (with a time); exports edited in a spreadsheet may hold YYYY-MM-DD. */
function toIsoDate(v: string | null): string | null | undefined {
  if (v === null) return null;
  let m = /^(\d{2})-(\d{2})-(\d{4})(?:\s.*)?$/.exec(v);
  if (m) return check(`${m[3]}-${m[2]}-${m[1]}`);
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?$/.exec(v);
  if (m) return check(`${m[1]}-${m[2]}-${m[3]}`);
  return undefined;
}
function check(iso: string): string | undefined {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : undefined;
}

const recordSchema = z.object({
  id: str.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { error: "laporIdFormat" })),
  tracking_id: optStr.pipe(z.string().max(60, { error: "tooLong|60" }).nullable()),
  title: optStr,
  content: optStr,
  category_id: optStr,
  location_id: optStr,
  date_of_incident: optStr.transform((v, ctx) => {
    const iso = toIsoDate(v);
    if (iso === undefined) {
      ctx.addIssue({ code: "custom", message: "dateFormat" });
      return z.NEVER;
    }
    return iso;
  }),
  is_anonymous: flag,
  is_secret: flag,
  reporter_name: optStr,
  reporter_phone: optStr,
  reporter_email: optStr,
  status_code: optStr.transform((v, ctx) => {
    if (v === null) return null;
    const n = Number(v);
    if (!(LAPOR_STATUS_CODES as readonly number[]).includes(n)) {
      ctx.addIssue({ code: "custom", message: "statusCode" });
      return z.NEVER;
    }
    return n;
  }),
});

/** Flattens the API's nested `reporter` object into the columns a CSV export has. */
function flatten(item: unknown): unknown {
  if (!item || typeof item !== "object" || Array.isArray(item)) return item;
  const o = item as Record<string, unknown>;
  const reporter = o.reporter && typeof o.reporter === "object" ? (o.reporter as Record<string, unknown>) : {};
  return { reporter_name: reporter.name, reporter_phone: reporter.phone, reporter_email: reporter.email, ...o };
}

/** The items of a JSON export: a bare array, `{ data: [...] }`, or the API's `{ results: { data: [...] } }`. */
function jsonItems(text: string): unknown[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(value)) return value;
  const o = value as { data?: unknown; results?: { data?: unknown } } | null;
  if (o && Array.isArray(o.data)) return o.data;
  if (o && o.results && Array.isArray(o.results.data)) return o.results.data;
  return null;
}

function csvItems(text: string): unknown[] | null {
  const firstLine = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
  // Spreadsheets set to Indonesian write `;` between fields.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  try {
    return parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase().replace(/^reporter\./, "reporter_")),
      delimiter,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown[];
  } catch {
    return null;
  }
}

/**
 * Reads a LAPOR export file (JSON or CSV, told apart by content, not by name) into records,
 * with one error per unusable row; the file as a whole is refused only when it cannot be read.
 */
export function parseLaporExport(text: string): { ok: true; records: { row: number; record: LaporRecord }[]; errors: RowError[] } | { ok: false; error: "unreadable" | "empty" | "tooManyRows" } {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) return { ok: false, error: "empty" };
  const items = trimmed.startsWith("[") || trimmed.startsWith("{") ? jsonItems(trimmed) : csvItems(trimmed);
  if (!items) return { ok: false, error: "unreadable" };
  if (items.length === 0) return { ok: false, error: "empty" };
  if (items.length > IMPORT_LIMITS.maxRows) return { ok: false, error: "tooManyRows" };
  const records: { row: number; record: LaporRecord }[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const row = i + 1;
    const parsed = recordSchema.safeParse(flatten(item));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ row, field: String(issue.path[0] ?? "_row"), error: issue.code === "invalid_type" && issue.input === undefined ? "required" : issue.message });
      }
      return;
    }
    const v = parsed.data;
    const first = seen.get(v.id);
    if (first !== undefined) {
      errors.push({ row, field: "id", error: `duplicateRow|${first}` });
      return;
    }
    seen.set(v.id, row);
    records.push({
      row,
      record: {
        id: v.id,
        trackingId: v.tracking_id,
        title: v.title ?? "",
        content: v.content ?? "",
        categoryId: v.category_id,
        locationId: v.location_id,
        dateOfIncident: v.date_of_incident,
        anonymous: v.is_anonymous,
        secret: v.is_secret,
        reporter: { name: v.reporter_name, phone: v.reporter_phone, email: v.reporter_email },
        statusCode: v.status_code,
      },
    });
  });
  return { ok: true, records, errors };
}

/** Finds a Pintu tracking code (e.g. `BTM-7K3Q9MZD`) written into a LAPOR complaint entered by hand. */
export function trackingCodeIn(text: string, region: string): string | null {
  const m = new RegExp(`\\b${region}-([0-9A-HJKMNP-TV-Z]{8})\\b`, "i").exec(text);
  return m ? `${region}-${m[1]!.toUpperCase()}` : null;
}
