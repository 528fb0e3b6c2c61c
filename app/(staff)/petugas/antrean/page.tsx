import { getTranslations } from "next-intl/server";
import { BulkBar, BulkResult } from "@/components/staff/bulk-bar";
import { ComplaintTable } from "@/components/staff/complaint-table";
import { ListFilters, ListPager, ListSummary } from "@/components/staff/list-controls";
import { ActionDone, feedbackText } from "@/components/staff/action-feedback";
import { unreadByComplaint } from "@/db/queries/notifications";
import { listPage } from "@/db/queries/staff-list";
import { listQuery } from "@/domain/list-filter";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { actionFeedback } from "@/server/action-feedback";
import { region } from "@/server/region";
import { CSV_MAX_ROWS } from "@/server/list-csv";
import { getDb } from "@/server/db";
import { listContext } from "@/server/staff-list";
import { requireStaff } from "@/server/staff";

const BASE = "/petugas/antrean";

/** The coordinator's queue: what awaits verification, oldest first; filters, pages, CSV and bulk actions. */
export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff("queue.coordinator");
  const t = await getTranslations("staff.queue");
  const tl = await getTranslations("staff.lists");
  const params = await searchParams;
  const db = getDb();
  const ctx = await listContext(db, staff, "queue", params);
  const list = await listPage(db, { where: ctx.where, sort: ctx.filter.sort, page: ctx.page, role: staff.role, now: new Date() });
  const query = listQuery(ctx.filter, "queue");
  const ids = list.rows.map((r) => r.id);
  // After "next in queue" ran out: what the last action did.
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const from = one("dari") && one("done") ? normalizeTrackingCode(one("dari")!, region().code) : null;
  const [unread, previous] = await Promise.all([unreadByComplaint(db, staff, ids), from ? actionFeedback(db, from, one("done")!, staff.id) : null]);
  // Bulk actions are the coordinator's (the workflow gives dispose and archive to no other role).
  const bulk = staff.role === "coordinator";
  return (
    <section className="space-y-4">
      {previous ? <ActionDone text={null} previous={await feedbackText(previous)} queueEmpty={list.rows.length === 0} /> : null}
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t("lead")}</p>
      </div>
      <BulkResult params={params} opds={ctx.ref.opds} />
      <ListFilters action={BASE} view="queue" filter={ctx.filter} problems={ctx.problems} reference={ctx.ref} ownOpd={false} />
      <ListSummary total={list.total} capped={list.capped} csvHref={`${BASE}/data.csv${query}`} csvMax={CSV_MAX_ROWS} />
      {list.rows.length === 0 ? (
        <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">{t("empty")}</p>
      ) : (
        <>
          {bulk ? <BulkBar id="bulk" back={`${BASE}${listQuery(ctx.filter, "queue", { after: params.after ? String(params.after) : undefined, before: params.before ? String(params.before) : undefined })}`} opds={ctx.ref.opds} /> : null}
          <ComplaintTable
            rows={list.rows}
            calendar={ctx.ref.calendar}
            select={bulk ? { form: "bulk" } : undefined}
            unread={unread}
            extra={
              ctx.filter.status === "received"
                ? {
                    label: tl("cols.suggestion"),
                    cell: (r) => <span className="font-medium">{r.suggestedOpdName ?? r.suggestedExternalName ?? t("noSuggestion")}</span>,
                  }
                : undefined
            }
          />
        </>
      )}
      <ListPager action={BASE} view="queue" filter={ctx.filter} prev={list.prev} next={list.next} />
    </section>
  );
}
