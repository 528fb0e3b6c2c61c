import { getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import { StatusBadge } from "@/components/status-badge";
import type { PublicComplaint } from "@/server/public-complaint";
import { timelineMessage } from "@/server/public-json";

const DONE: readonly string[] = ["closed", "archived", "forwarded"];

/**
 * For a reporter whose complaint was merged: "digabung dengan aduan BTM-… yang sedang ditangani",
 * and the primary's progress (its status, agency and public timeline — what anyone may read of
 * it; only its status when it is confidential), not the merged complaint's "Diarsipkan".
 */
export async function MergedProgress({ primary }: { primary: PublicComplaint }) {
  const t = await getTranslations("flow.merged");
  const tt = await getTranslations();
  const tr = await getTranslations("track");
  const { when } = await localTime();
  const code = primary.trackingCode;
  const f = primary.full;
  return (
    <section aria-labelledby="merged-progress-h" className="space-y-3 rounded-lg border-l-4 border-brand-600 bg-brand-50 p-4">
      <p className="font-semibold text-brand-900">
        {t(DONE.includes(primary.status) ? "done" : "open", { code })}
      </p>
      <h2 id="merged-progress-h" className="text-lg font-semibold">{t("progress", { code })}</h2>
      <p className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">{tr("status")}:</span> <StatusBadge status={primary.status} />
        {f?.opd ? <span className="text-sm">· {f.opd.name}</span> : null}
      </p>
      {f ? (
        <ol className="space-y-2 border-l-2 border-brand-100 pl-4">
          {f.timeline.map((e, i) => (
            <li key={i}>
              <p className="text-sm text-slate-600">
                <time dateTime={e.at.toISOString()}>{when(e.at)}</time>
              </p>
              <p className="whitespace-pre-line break-words">{timelineMessage(tt, e)}</p>
            </li>
          ))}
        </ol>
      ) : null}
      <p>
        <a href={`/lacak/${code}`} className="font-semibold text-brand-700 underline">
          {t("follow", { code })}
        </a>
      </p>
    </section>
  );
}
