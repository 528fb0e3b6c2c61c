import { getTranslations } from "next-intl/server";
import { ComplaintTable } from "@/components/staff/complaint-table";
import { ListFilters, ListPager, ListSummary } from "@/components/staff/list-controls";
import { unreadByComplaint } from "@/db/queries/notifications";
import { listPage } from "@/db/queries/staff-list";
import { listQuery } from "@/domain/list-filter";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { ownReturn } from "@/server/action-feedback";
import { region } from "@/server/region";
import { getDb } from "@/server/db";
import { CSV_MAX_ROWS } from "@/server/list-csv";
import { listContext } from "@/server/staff-list";
import { requireStaff } from "@/server/staff";

const BASE = "/petugas/kotak-masuk";

/** An OPD's inbox: its complaints (never another OPD's, whatever the URL says), nearest deadline first. */
export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff("inbox.opd");
  const t = await getTranslations("staff.inbox");
  if (staff.opdId === null) return <p className="rounded-lg bg-amber-50 p-4">{t("noOpd")}</p>;
  const tf = await getTranslations("flow");
  const db = getDb();
  const params = await searchParams;
  const ctx = await listContext(db, staff, "inbox", params);
  const list = await listPage(db, { where: ctx.where, sort: ctx.filter.sort, page: ctx.page, role: staff.role, now: new Date() });
  // What changed since the officer last looked: complaints with notifications they have not read.
  const returnedCode = typeof params.dikembalikan === "string" ? normalizeTrackingCode(params.dikembalikan, region().code) : null;
  const [unread, returned] = await Promise.all([unreadByComplaint(db, staff, list.rows.map((r) => r.id)), returnedCode ? ownReturn(db, returnedCode, staff.id) : null]);
  return (
    <section className="space-y-4">
      {returned ? (
        <div role="status" className="space-y-1 rounded-md border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
          <p className="font-semibold">{tf("returned.title", { code: returned.code })}</p>
          <p className="whitespace-pre-line break-words">{tf("returned.reason", { reason: returned.reason })}</p>
          <p className="text-sm">{tf("returned.after")}</p>
        </div>
      ) : null}
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t("title", { opd: staff.opdName ?? "" })}</h1>
        <p className="text-slate-700">{t("lead")}</p>
        {unread.size > 0 ? <p className="text-sm text-slate-600">{tf("inbox.changedSince")}</p> : null}
      </div>
      <ListFilters action={BASE} view="inbox" filter={ctx.filter} problems={ctx.problems} reference={ctx.ref} ownOpd />
      <ListSummary total={list.total} capped={list.capped} csvHref={`${BASE}/data.csv${listQuery(ctx.filter, "inbox")}`} csvMax={CSV_MAX_ROWS} />
      {list.rows.length === 0 ? <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">{t("empty")}</p> : <ComplaintTable rows={list.rows} calendar={ctx.ref.calendar} unread={unread} viewerId={staff.id} />}
      <ListPager action={BASE} view="inbox" filter={ctx.filter} prev={list.prev} next={list.next} />
    </section>
  );
}
