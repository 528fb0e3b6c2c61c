import { maskEmail, maskPhone } from "./contact";

/**
 * How the audit screen reads an audit row: its kind (for the filter), where it links, and its
 * details as one line of text. Pure; the screen and the CSV share it.
 */

/** The kinds of action an auditor filters by: each is an action-name prefix. */
export const AUDIT_KINDS = ["complaint", "reveal_identity", "search_contact", "user", "calendar", "sla_policy", "lapor", "sms", "email", "reporter", "template", "directory", "audit"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The SQL LIKE patterns of a kind: "user" → "user.%"; a one-word action matches itself. */
export function kindPatterns(kind: AuditKind): string[] {
  if (kind === "reveal_identity" || kind === "search_contact") return [kind];
  if (kind === "directory") return ["opd.%", "category.%", "area.%", "institution.%", "routing.%", "directory.%"];
  return [`${kind}.%`];
}

export type AuditViewRow = {
  action: string;
  targetKind: string | null;
  targetId: string | null;
  trackingCode: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  data: Record<string, unknown> | null;
};

/** The page an audit row is about, when there is one to show. */
export function auditLink(r: Pick<AuditViewRow, "targetKind" | "targetId" | "trackingCode" | "action">): string | null {
  if (r.trackingCode) return `/petugas/aduan/${r.trackingCode}`;
  const id = r.targetId ?? "";
  switch (r.targetKind) {
    case "user":
      return `/petugas/pengguna#user-${id}`;
    case "holiday":
      return /^\d{4}-/.test(id) ? `/petugas/kalender?year=${id.slice(0, 4)}` : "/petugas/kalender";
    case "category":
      if (r.action.startsWith("sla_policy")) return "/petugas/kalender#policy-h";
      return /^\d+$/.test(id) ? `/petugas/direktori/kategori/${id}` : "/petugas/direktori/kategori";
    case "opd":
      return /^\d+$/.test(id) ? `/petugas/direktori/opd/${id}` : "/petugas/direktori/opd";
    case "institution":
      return /^\d+$/.test(id) ? `/petugas/direktori/lembaga/${id}` : "/petugas/direktori/lembaga";
    case "kecamatan":
    case "kelurahan":
      return /^\d+$/.test(id) ? `/petugas/direktori/wilayah/${r.targetKind}/${id}` : "/petugas/direktori/wilayah";
    case "routing_rule":
      return /^\d+$/.test(id) ? `/petugas/direktori/rute/${id}` : "/petugas/direktori/rute";
    case "outbox":
    case "quarantine":
    case "lapor":
      return r.action === "lapor.import" || r.action === "lapor.export" || r.action === "lapor.mark_entered" ? "/petugas/integrasi/manual" : "/petugas/integrasi";
    case "sms":
      return "/petugas/sms-masuk";
    case "template":
      return `/petugas/templat?edit=${encodeURIComponent(id)}`;
    default:
      if (r.targetKind?.startsWith("mapping.")) return "/petugas/integrasi/pemetaan";
      return null;
  }
}

/** A contact value searched for, masked: the auditor sees that a number was searched, not whose. */
export function maskSearched(kind: unknown, value: unknown): string {
  const v = String(value ?? "");
  if (kind === "phone") return maskPhone(v);
  if (kind === "email") return v.includes("@") ? maskEmail(v) : "•••";
  return v.length > 4 ? `${"•".repeat(v.length - 4)}${v.slice(-4)}` : "•••";
}

const short = (v: unknown): string => {
  if (v === null || v === undefined) return "—";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
};

/**
 * The row's details as text: "key: before → after" for what changed, then the rest of its data.
 * `maskSearch` masks a contact search's value (for roles that may not see reporters' contacts).
 */
export function auditDetails(r: AuditViewRow, opts: { maskSearch: boolean }): string {
  const parts: string[] = [];
  const keys = [...new Set([...Object.keys(r.before ?? {}), ...Object.keys(r.after ?? {})])];
  for (const k of keys) {
    const b = r.before?.[k];
    const a = r.after?.[k];
    if (r.before && r.after) {
      if (JSON.stringify(b) !== JSON.stringify(a)) parts.push(`${k}: ${short(b)} → ${short(a)}`);
    } else parts.push(`${k}: ${short(r.after ? a : b)}`);
  }
  const data = { ...(r.data ?? {}) };
  if (r.action === "search_contact" && opts.maskSearch && "value" in data) data.value = maskSearched(data.kind, data.value);
  for (const [k, v] of Object.entries(data)) parts.push(`${k}: ${short(v)}`);
  return parts.join("; ");
}
