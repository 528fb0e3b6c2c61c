import { getTranslations } from "next-intl/server";
import { ComplaintList, Pager, pageParam } from "@/components/staff/complaint-list";
import Link from "next/link";
import { ActionDone, feedbackText } from "@/components/staff/action-feedback";
import { duplicateFlags } from "@/db/queries/duplicates";
import { unreadByComplaint } from "@/db/queries/notifications";
import { coordinatorQueue, PAGE_SIZE } from "@/db/queries/staff-complaints";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { actionFeedback } from "@/server/action-feedback";
import { region } from "@/server/region";
import { getDb } from "@/server/db";
import { requireStaff } from "@/server/staff";

type Search = { page?: string | string[]; dari?: string | string[]; done?: string | string[] };

export default async function QueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const staff = await requireStaff("queue.coordinator");
  const t = await getTranslations("staff.queue");
  const tf = await getTranslations("flow.dup");
  const sp = await searchParams;
  const page = pageParam(sp.page);
  const db = getDb();
  const rows = await coordinatorQueue(db, staff.role, page);
  const ids = rows.map((r) => r.id);
  // After "next in queue" ran out: what the last action did.
  const from = typeof sp.dari === "string" && typeof sp.done === "string" ? normalizeTrackingCode(sp.dari, region().code) : null;
  const [dups, unread, previous] = await Promise.all([
    duplicateFlags(db, ids),
    unreadByComplaint(db, staff, ids),
    from ? actionFeedback(db, from, String(sp.done), staff.id) : null,
  ]);
  return (
    <section className="space-y-4">
      {previous ? <ActionDone text={null} previous={await feedbackText(previous)} queueEmpty={rows.length === 0} /> : null}
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t("lead")}</p>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">{t("empty")}</p>
      ) : (
        <ComplaintList
          rows={rows}
          due="verificationDue"
          unread={unread}
          extra={(r) => (
            <>
              <p className="text-sm">
                <span className="text-slate-600">{t("suggestion")}: </span>
                <span className="font-medium">{r.suggestedOpdName ?? r.suggestedExternalName ?? t("noSuggestion")}</span>
              </p>
              {dups.has(r.id) ? (
                <p className="text-sm" data-duplicate-of={dups.get(r.id)!.code}>
                  <Link href={`/petugas/aduan/${r.trackingCode}#dup-h`} className="rounded bg-violet-100 px-1.5 py-0.5 font-semibold text-violet-900 underline">
                    {tf("flag", { code: dups.get(r.id)!.code })}
                  </Link>
                </p>
              ) : null}
            </>
          )}
        />
      )}
      <Pager base="/petugas/antrean" page={page} hasNext={rows.length === PAGE_SIZE} />
    </section>
  );
}
