import "server-only";
import { z } from "zod";
import { auditActors, auditCount, auditPage, complaintIdByCode, type AuditCursor, type AuditFilter, type AuditRow } from "@/db/queries/audit";
import type { Db } from "@/db/client";
import { AUDIT_KINDS, auditDetails, auditLink, kindPatterns, type AuditKind } from "@/domain/audit-view";
import { ROLES, type Role } from "@/domain/complaint-status";
import { toCsv } from "@/domain/csv";
import { can } from "@/domain/permissions";
import { reporterTextFor } from "@/domain/reporter-text";
import { periodBounds } from "@/domain/sla-stats";
import { normalizeTrackingCode } from "@/domain/tracking-code";

const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV download holds (newest first); the filter narrows a bigger log. */
const AUDIT_CSV_MAX = 20_000;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));
const cursor = z.string().regex(/^\d{1,18}\.\d{1,18}$/);

/** The screen's GET parameters as given (kept for the form and the links), and the filter they mean. */
export type AuditQuery = {
  params: { aktor: string; peran: string; jenis: string; kode: string; dari: string; sampai: string; q: string };
  filter: AuditFilter;
  /** Parameters that were not understood (shown beside the form; never a 500). */
  invalid: string[];
  after?: AuditCursor;
  before?: AuditCursor;
};

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 200) ?? "";
const toCursor = (s: string): AuditCursor => {
  const [micros, id] = s.split(".") as [string, string];
  return { atMicros: micros, id: Number(id) };
};

/** Reads the audit screen's GET parameters into a filter (unknown values are named in `invalid`). */
export async function readAuditQuery(db: Db, raw: Record<string, string | string[] | undefined>, region: string, timeZone: string): Promise<AuditQuery> {
  const params = { aktor: one(raw.aktor), peran: one(raw.peran), jenis: one(raw.jenis), kode: one(raw.kode), dari: one(raw.dari), sampai: one(raw.sampai), q: one(raw.q) };
  const filter: AuditFilter = {};
  const invalid: string[] = [];
  if (params.aktor) {
    const id = Number(params.aktor);
    if (Number.isSafeInteger(id) && id > 0) filter.userId = id;
    else invalid.push("aktor");
  }
  if (params.peran) {
    if ((ROLES as readonly string[]).includes(params.peran) || params.peran === "cli") filter.role = params.peran;
    else invalid.push("peran");
  }
  if (params.jenis) {
    if ((AUDIT_KINDS as readonly string[]).includes(params.jenis)) filter.actions = kindPatterns(params.jenis as AuditKind);
    else invalid.push("jenis");
  }
  if (params.kode) {
    const code = normalizeTrackingCode(params.kode, region);
    const id = code ? await complaintIdByCode(db, code) : null;
    if (id === null) invalid.push("kode");
    // An unknown code finds nothing, rather than everything.
    filter.complaintId = id ?? -1;
  }
  const from = params.dari && day.safeParse(params.dari).success ? params.dari : null;
  const to = params.sampai && day.safeParse(params.sampai).success ? params.sampai : null;
  if (params.dari && !from) invalid.push("dari");
  if (params.sampai && !to) invalid.push("sampai");
  if (from) filter.from = periodBounds(from, from, timeZone).start;
  if (to) filter.to = periodBounds(to, to, timeZone).end;
  if (params.q) filter.text = params.q;
  const after = cursor.safeParse(one(raw.setelah));
  const before = cursor.safeParse(one(raw.sebelum));
  return { params, filter, invalid, after: after.success ? toCursor(after.data) : undefined, before: before.success ? toCursor(before.data) : undefined };
}

/** The cursor of a row, as the "next"/"previous" links carry it. */
export const cursorOf = (r: { atMicros: string; id: number }) => `${r.atMicros}.${r.id}`;

/** One row as the viewer may see it: details redacted of an anonymous reporter's identity, contact searches masked. */
function viewRow(role: Role, r: AuditRow) {
  const details = auditDetails(r, { maskSearch: !can(role, "search.contact") });
  const redact = r.anonymous === null ? (s: string) => s : reporterTextFor(role, { ...r, anonymous: r.anonymous });
  return {
    id: r.id,
    at: r.at,
    atMicros: r.atMicros,
    action: r.action,
    userName: r.userName,
    userEmail: r.userEmail,
    actorRole: r.actorRole,
    address: r.address,
    trackingCode: r.trackingCode,
    target: r.targetKind ? `${r.targetKind}${r.targetId ? ` ${r.targetId}` : ""}` : null,
    details: redact(details),
    link: auditLink(r),
  };
}
type AuditViewRow = ReturnType<typeof viewRow>;

/** The screen's data: a page of rows, the total and the actors for the filter. */
export async function loadAuditScreen(db: Db, role: Role, q: AuditQuery) {
  const [page, total, actors] = await Promise.all([
    auditPage(db, q.filter, { after: q.after, before: q.before, limit: AUDIT_PAGE_SIZE }),
    auditCount(db, q.filter),
    auditActors(db),
  ]);
  return { rows: page.rows.map((r) => viewRow(role, r)), hasOlder: page.hasOlder, hasNewer: page.hasNewer, total, actors };
}

/** The filtered log as CSV (the one CSV writer: quoting and formula neutralising), newest first. */
export async function auditCsv(db: Db, role: Role, q: AuditQuery): Promise<{ csv: string; rows: number }> {
  const out: AuditViewRow[] = [];
  let after: AuditCursor | undefined;
  while (out.length < AUDIT_CSV_MAX) {
    const page = await auditPage(db, q.filter, { after, limit: Math.min(1000, AUDIT_CSV_MAX - out.length) });
    out.push(...page.rows.map((r) => viewRow(role, r)));
    if (!page.hasOlder || page.rows.length === 0) break;
    const last = page.rows[page.rows.length - 1]!;
    after = { atMicros: last.atMicros, id: last.id };
  }
  const header = ["id", "at", "action", "actor_name", "actor_email", "actor_role", "address", "complaint", "target", "details"];
  const csv = toCsv(
    header,
    out.map((r) => [r.id, r.at.toISOString(), r.action, r.userName, r.userEmail, r.actorRole, r.address, r.trackingCode, r.target, r.details]),
    { bom: true },
  );
  return { csv, rows: out.length };
}
