import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaints } from "@/db/schema";
import { writeAudit, type AuditActor } from "@/db/queries/audit";
import { listPage, type ListRow } from "@/db/queries/staff-list";
import { toCsv } from "@/domain/csv";
import { listClock } from "@/domain/list-clock";
import { listQuery, type ListView, type Params } from "@/domain/list-filter";
import { MAX_QUERY } from "@/domain/search-query";
import type { StaffScope } from "@/domain/permissions";
import { localDate } from "@/domain/working-days";
import { region } from "./region";
import { searchComplaints } from "./search";
import { listContext } from "./staff-list";

/** The most rows one CSV holds (the page says so beside the link). */
export const CSV_MAX_ROWS = 10_000;

const HEADER = [
  "tracking_code",
  "received_at",
  "status",
  "channel",
  "category",
  "kecamatan",
  "kelurahan",
  "opd",
  "officer",
  "deadline",
  "sla_state",
  "working_days_left",
  "anonymous",
  "confidential",
  "returned_times",
  "reopened",
  "title",
  "reporter_name",
  "reporter_phone",
  "reporter_email",
] as const;

/**
 * A staff list as CSV, for the same GET parameters and the same scope as its page (an OPD role:
 * its own OPD only). Reporter contact data is written only for reporters who did not ask to stay
 * anonymous — an anonymous reporter's fields are never exported, to any role (the coordinator's
 * reveal stays per complaint and audited) — and every file is written to the audit log (who,
 * which list, which filter, how many rows, how many with contact data). Text cells go through
 * the shared safe writer.
 */
export async function listCsv(db: Db, staff: StaffScope & { id: number }, view: ListView, params: Params, now: Date, actor: AuditActor): Promise<Response> {
  const ctx = await listContext(db, staff, view, params);
  const raw = Array.isArray(params.q) ? params.q[0] : params.q;
  const q = (raw ?? "").slice(0, MAX_QUERY);
  const args = { where: ctx.where, sort: ctx.filter.sort, page: {}, size: CSV_MAX_ROWS };
  const rows: ListRow[] =
    view === "search" ? (q.trim() ? (await searchComplaints(db, staff, q, region().code, now, actor.address, args)).rows : []) : (await listPage(db, { ...args, role: staff.role, now })).rows;

  const ids = rows.filter((r) => !r.anonymous).map((r) => r.id);
  const contacts = new Map<number, { name: string | null; phone: string | null; email: string | null }>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const found = await db
      .select({ id: complaints.id, name: complaints.reporterName, phone: complaints.reporterPhone, email: complaints.reporterEmail })
      .from(complaints)
      .where(and(inArray(complaints.id, chunk), eq(complaints.anonymous, false)));
    for (const c of found) contacts.set(c.id, c);
  }
  const personal = [...contacts.values()].some((c) => c.name || c.phone || c.email);

  const cal = ctx.ref.calendar;
  const lines = rows.map((r) => {
    const deadline = r.resolutionDue ?? r.verificationDue;
    const clock = listClock({ status: r.status, deadline, riskAt: r.resolutionDue ? r.resolutionRiskAt : r.verificationRiskAt }, now, cal);
    const c = r.anonymous ? undefined : contacts.get(r.id);
    return [
      r.trackingCode,
      r.createdAt.toISOString(),
      r.status,
      r.channel,
      r.categoryName,
      r.kecamatanName,
      r.kelurahanName,
      r.opdName,
      r.assigneeName,
      deadline?.toISOString(),
      clock.state,
      clock.state === "breached" ? -clock.daysLate : clock.state === "on_track" || clock.state === "at_risk" ? clock.daysLeft : null,
      r.anonymous ? "yes" : "no",
      r.confidential ? "yes" : "no",
      r.bounceCount,
      r.reopened ? "yes" : "no",
      r.title,
      c?.name,
      c?.phone,
      c?.email,
    ];
  });
  // Every export is audited (a list of complaints leaves Pintu); `withContacts` says how many rows carry a reporter's contact.
  await writeAudit(db, {
    actor,
    at: now,
    action: "list.export",
    target: { kind: "list", id: view },
    data: { list: view, filter: listQuery(ctx.filter, view, { q: q || undefined }), rows: rows.length, withContacts: personal ? contacts.size : 0 },
  });
  const scopeName = ctx.ownOpd ? `-${ctx.ownOpd.code.toLowerCase()}` : "";
  const name = `aduan-${view === "queue" ? "antrean" : view === "inbox" ? "kotak-masuk" : "cari"}${scopeName}-${localDate(now, cal.timeZone)}.csv`;
  return new Response(toCsv(HEADER, lines, { bom: true }), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "private, no-store",
    },
  });
}
