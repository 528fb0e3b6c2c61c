import { getTranslations } from "next-intl/server";
import { ComplaintList, Pager, pageParam } from "@/components/staff/complaint-list";
import { opdInbox, PAGE_SIZE } from "@/db/queries/staff-complaints";
import { getDb } from "@/server/db";
import { requireStaff } from "@/server/staff";

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const staff = await requireStaff("inbox.opd");
  const t = await getTranslations("staff.inbox");
  if (staff.opdId === null) return <p className="rounded-lg bg-amber-50 p-4">{t("noOpd")}</p>;
  const page = pageParam((await searchParams).page);
  const rows = await opdInbox(getDb(), staff.role, staff.opdId, page);
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t("title", { opd: staff.opdName ?? "" })}</h1>
        <p className="text-slate-700">{t("lead")}</p>
      </div>
      {rows.length === 0 ? <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">{t("empty")}</p> : <ComplaintList rows={rows} due="resolutionDue" />}
      <Pager base="/petugas/kotak-masuk" page={page} hasNext={rows.length === PAGE_SIZE} />
    </section>
  );
}
