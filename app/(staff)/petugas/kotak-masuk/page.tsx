import { getTranslations } from "next-intl/server";
import { ComplaintList, Pager, pageParam } from "@/components/staff/complaint-list";
import { unreadByComplaint } from "@/db/queries/notifications";
import { opdInbox, PAGE_SIZE } from "@/db/queries/staff-complaints";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { ownReturn } from "@/server/action-feedback";
import { getDb } from "@/server/db";
import { region } from "@/server/region";
import { requireStaff } from "@/server/staff";

type Search = { page?: string | string[]; dikembalikan?: string | string[] };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const staff = await requireStaff("inbox.opd");
  const t = await getTranslations("staff.inbox");
  const tf = await getTranslations("flow");
  if (staff.opdId === null) return <p className="rounded-lg bg-amber-50 p-4">{t("noOpd")}</p>;
  const sp = await searchParams;
  const page = pageParam(sp.page);
  const db = getDb();
  const rows = await opdInbox(db, staff.role, staff.opdId, page);
  // What changed since the officer last looked: complaints with notifications they have not read.
  const returnedCode = typeof sp.dikembalikan === "string" ? normalizeTrackingCode(sp.dikembalikan, region().code) : null;
  const [unread, returned] = await Promise.all([unreadByComplaint(db, staff, rows.map((r) => r.id)), returnedCode ? ownReturn(db, returnedCode, staff.id) : null]);
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
      {rows.length === 0 ? <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">{t("empty")}</p> : <ComplaintList rows={rows} due="resolutionDue" unread={unread} viewerId={staff.id} />}
      <Pager base="/petugas/kotak-masuk" page={page} hasNext={rows.length === PAGE_SIZE} />
    </section>
  );
}
