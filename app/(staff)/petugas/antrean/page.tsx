import { getTranslations } from "next-intl/server";
import { ComplaintList, Pager, pageParam } from "@/components/staff/complaint-list";
import { coordinatorQueue, PAGE_SIZE } from "@/db/queries/staff-complaints";
import { getDb } from "@/server/db";
import { requireStaff } from "@/server/staff";

export default async function QueuePage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const staff = await requireStaff("queue.coordinator");
  const t = await getTranslations("staff.queue");
  const page = pageParam((await searchParams).page);
  const rows = await coordinatorQueue(getDb(), staff.role, page);
  return (
    <section className="space-y-4">
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
          extra={(r) => (
            <p className="text-sm">
              <span className="text-slate-600">{t("suggestion")}: </span>
              <span className="font-medium">{r.suggestedOpdName ?? r.suggestedExternalName ?? t("noSuggestion")}</span>
            </p>
          )}
        />
      )}
      <Pager base="/petugas/antrean" page={page} hasNext={rows.length === PAGE_SIZE} />
    </section>
  );
}
