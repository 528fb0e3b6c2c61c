import { getTranslations } from "next-intl/server";
import type { ComplaintStatus } from "@/domain/complaint-status";

const tone: Record<ComplaintStatus, string> = {
  received: "bg-slate-200 text-slate-900",
  disposed: "bg-brand-100 text-brand-800",
  in_progress: "bg-brand-100 text-brand-800",
  awaiting_reporter: "bg-amber-100 text-amber-950",
  responded: "bg-green-100 text-green-900",
  closed: "bg-green-700 text-white",
  archived: "bg-slate-600 text-white",
  forwarded: "bg-violet-100 text-violet-900",
};

export async function StatusBadge({ status }: { status: ComplaintStatus }) {
  const t = await getTranslations("status");
  return (
    <span className={`inline-block rounded-full px-3 py-1 text-sm font-semibold ${tone[status]}`} data-status={status}>
      {t(status)}
    </span>
  );
}
