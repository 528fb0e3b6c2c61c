/**
 * How the simulator writes its records: LAPOR v3 as CONTRACTS.md describes it, or "v4", a
 * plausible next version whose shapes differ (renamed fields, ISO timestamps, nested status),
 * so the adapter's quarantine can be exercised.
 */
import { NO_FAULTS, type Variant } from "./faults";
import { STATUS_NAMES, type SimComplaint, type SimFollowup } from "./store";

export type ApiVersion = "v3" | "v4";

const WIB_OFFSET_MS = 7 * 3600_000;
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `DD-MM-YYYY HH:mm:ss` in WIB (UTC+7, no daylight saving). */
function wib(d: Date): string {
  const t = new Date(d.getTime() + WIB_OFFSET_MS);
  return `${pad(t.getUTCDate())}-${pad(t.getUTCMonth() + 1)}-${t.getUTCFullYear()} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/** Parses `DD-MM-YYYY HH:mm:ss` (WIB), or null. */
export function parseWib(s: string): Date | null {
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const [, d, mo, y, h, mi, se] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, se!) - WIB_OFFSET_MS);
}

const PLAIN: Variant = NO_FAULTS.variant;

/** A status as the variant writes it: the code, or LAPOR's name for it ("didisposisikan"). */
const status = (code: number, w: Variant) => (w.statusNames ? (STATUS_NAMES[code] ?? String(code)).toLowerCase() : code);
/** An id as the variant writes it. */
export const idOf = (id: number, w: Variant = PLAIN) => (w.stringIds ? String(id) : id);

/** Applies the record-level switches: optional fields left out, extra fields added. */
export function varied(record: Record<string, unknown>, w: Variant, optional: string[]): Record<string, unknown> {
  const out = { ...record };
  if (w.omitOptional) for (const k of optional) delete out[k];
  if (w.extraFields) Object.assign(out, { sla_days: "14", updated_by: 7, x_meta: { source: "lapor", flags: [1, "a", null] }, deleted_at: null });
  return out;
}

const OPTIONAL_COMPLAINT = ["channel", "classification_id", "category_id", "location_id", "location_name", "date_of_incident", "status_name", "attachments", "reporter"];
const OPTIONAL_FOLLOWUP = ["institution_from_name", "institution_to_name", "template_code", "rating", "status_old", "status_new"];

export function renderComplaint(c: SimComplaint, v: ApiVersion, w: Variant = PLAIN): Record<string, unknown> {
  if (v === "v4") {
    return {
      uuid: `c-${c.id}`,
      complaint_id: c.id,
      tracking_code: c.tracking_id,
      subject: c.title,
      description: c.content,
      status: { code: c.status_code, label: STATUS_NAMES[c.status_code] },
      privacy: { anonymous: c.is_anonymous, secret: c.is_secret },
      created_at: c.created_at.toISOString(),
      updated_at: c.updated_at.toISOString(),
    };
  }
  // LAPOR withholds an anonymous reporter's identity from the institution.
  const reporter = c.is_anonymous ? null : c.reporter;
  return varied(
    {
      id: idOf(c.id, w),
      tracking_id: c.tracking_id,
      title: c.title,
      content: c.content,
      channel: c.channel,
      classification_id: idOf(c.classification_id, w),
      category_id: c.category_id,
      location_id: c.location_id,
      location_name: c.location_name,
      date_of_incident: c.date_of_incident,
      is_anonymous: c.is_anonymous ? 1 : 0,
      is_secret: c.is_secret ? 1 : 0,
      reporter: reporter ?? (w.reporterArray ? [] : null),
      status_code: status(c.status_code, w),
      status_name: STATUS_NAMES[c.status_code],
      attachments: c.attachments.map((a) => ({ ...a, id: idOf(a.id, w) })),
      created_at: wib(c.created_at),
      updated_at: wib(c.updated_at),
    },
    w,
    // Left out only where a real LAPOR could: the reporter and the attachments only when there are none.
    OPTIONAL_COMPLAINT.filter((k) => (k !== "reporter" || reporter === null) && (k !== "attachments" || c.attachments.length === 0)),
  );
}

export function renderFollowup(f: SimFollowup, v: ApiVersion, w: Variant = PLAIN): Record<string, unknown> {
  if (v === "v4") {
    return { uuid: `f-${f.id}`, body: f.content, author: { kind: f.author_type }, score: f.rating, created_at: f.created_at.toISOString() };
  }
  return varied(
    {
      id: idOf(f.id, w),
      created_at: wib(f.created_at),
      institution_from_name: f.institution_from_name,
      institution_to_name: f.institution_to_name,
      content: f.content,
      status_old: status(f.status_old, w),
      status_new: status(f.status_new, w),
      template_code: f.template_code,
      rating: f.rating,
      author_type: f.author_type,
    },
    w,
    // A rating is the point of a rating entry: left out only where there is none.
    OPTIONAL_FOLLOWUP.filter((k) => k !== "rating" || f.rating === null),
  );
}

/** The `data_logs` of one complaint: its status history, from its follow-ups. */
export function renderLogs(c: SimComplaint, followups: SimFollowup[], w: Variant = PLAIN): Record<string, unknown>[] {
  return [
    { status_code: status(2, w), status_name: STATUS_NAMES[2], created_at: wib(c.created_at) },
    ...followups.filter((f) => f.status_new !== f.status_old).map((f) => ({ status_code: status(f.status_new, w), status_name: STATUS_NAMES[f.status_new], created_at: wib(f.created_at) })),
  ].map((l) => varied(l, w, ["status_name"]));
}
