/**
 * How the simulator writes its records: LAPOR v3 as CONTRACTS.md describes it, or "v4", a
 * plausible next version whose shapes differ (renamed fields, ISO timestamps, nested status),
 * so the adapter's quarantine can be exercised.
 */
import { STATUS_NAMES, type SimComplaint, type SimFollowup } from "./store";

export type ApiVersion = "v3" | "v4";

const WIB_OFFSET_MS = 7 * 3600_000;
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `DD-MM-YYYY HH:mm:ss` in WIB (UTC+7, no daylight saving). */
export function wib(d: Date): string {
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

export function renderComplaint(c: SimComplaint, v: ApiVersion): Record<string, unknown> {
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
  return {
    id: c.id,
    tracking_id: c.tracking_id,
    title: c.title,
    content: c.content,
    channel: c.channel,
    classification_id: c.classification_id,
    category_id: c.category_id,
    location_id: c.location_id,
    location_name: c.location_name,
    date_of_incident: c.date_of_incident,
    is_anonymous: c.is_anonymous ? 1 : 0,
    is_secret: c.is_secret ? 1 : 0,
    // LAPOR withholds an anonymous reporter's identity from the institution.
    reporter: c.is_anonymous ? null : c.reporter,
    status_code: c.status_code,
    status_name: STATUS_NAMES[c.status_code],
    attachments: c.attachments,
    created_at: wib(c.created_at),
    updated_at: wib(c.updated_at),
  };
}

export function renderFollowup(f: SimFollowup, v: ApiVersion): Record<string, unknown> {
  if (v === "v4") {
    return { uuid: `f-${f.id}`, body: f.content, author: { kind: f.author_type }, score: f.rating, created_at: f.created_at.toISOString() };
  }
  return {
    id: f.id,
    created_at: wib(f.created_at),
    institution_from_name: f.institution_from_name,
    institution_to_name: f.institution_to_name,
    content: f.content,
    status_old: f.status_old,
    status_new: f.status_new,
    template_code: f.template_code,
    rating: f.rating,
    author_type: f.author_type,
  };
}

/** The `data_logs` of one complaint: its status history, from its follow-ups. */
export function renderLogs(c: SimComplaint, followups: SimFollowup[]): Record<string, unknown>[] {
  return [
    { status_code: 2, status_name: STATUS_NAMES[2], created_at: wib(c.created_at) },
    ...followups.filter((f) => f.status_new !== f.status_old).map((f) => ({ status_code: f.status_new, status_name: STATUS_NAMES[f.status_new], created_at: wib(f.created_at) })),
  ];
}
