import { getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import { retryLaporDelivery } from "@/app/(staff)/petugas/aduan/[code]/actions";
import type { LaporOutboxItem } from "@/db/queries/complaint-sync";
import { laporTask } from "@/domain/outbox-topics";
import { redactContactData } from "@/domain/redact";

const STATE_STYLE = {
  pending: "bg-amber-100 text-amber-900",
  done: "bg-green-100 text-green-900",
  dead: "bg-red-100 text-red-900",
} as const;

/**
 * The complaint in SP4N-LAPOR!: its LAPOR id and tracking number, and each delivery with its
 * state — waiting (next attempt), delivered (when, by the worker or by hand), or failed (why) —
 * with a retry button on a failed one for those who operate the integration.
 */
export async function LaporSync({
  code,
  laporId,
  laporTrackingId,
  items,
  canRetry,
}: {
  code: string;
  laporId: string | null;
  laporTrackingId: string | null;
  items: LaporOutboxItem[];
  canRetry: boolean;
}) {
  const t = await getTranslations("laporSync");
  const { when } = await localTime();
  const topic = (s: string) => {
    const task = laporTask(s);
    return task ? t(`topic.${task}`) : s;
  };
  return (
    <section aria-labelledby="lapor-sync-h" className="space-y-2">
      <h2 id="lapor-sync-h" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200 sm:grid-cols-2">
        <div>
          <dt className="text-slate-600">{t("laporId")}</dt>
          <dd className="font-mono font-medium" data-testid="lapor-id">{laporId ?? t("notYet")}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("trackingId")}</dt>
          <dd className="font-mono font-medium">{laporTrackingId ?? t("notYet")}</dd>
        </div>
      </dl>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200">
          {items.map((i) => (
            <li key={i.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start sm:justify-between" data-outbox={i.status}>
              <div className="min-w-0 space-y-1">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{topic(i.topic)}</span>
                  <span className={`rounded px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[i.status]}`}>{t(`state.${i.status}`)}</span>
                </p>
                <p className="text-slate-700">
                  {i.status === "done" && i.doneAt
                    ? t(i.deliveredVia === "manual" ? "deliveredManual" : "delivered", { at: when(i.doneAt) })
                    : i.status === "pending"
                      ? t("pending", { attempts: i.attempts, at: when(i.nextAttemptAt) })
                      : t("failed", { attempts: i.attempts })}
                </p>
                {i.status !== "done" && i.lastError ? <p className="break-words font-mono text-xs text-red-800">{redactContactData(i.lastError)}</p> : null}
              </div>
              {i.status === "dead" && canRetry ? (
                <form action={retryLaporDelivery} className="shrink-0">
                  <input type="hidden" name="code" value={code} />
                  <input type="hidden" name="id" value={i.id} />
                  <button type="submit" className="min-h-11 rounded-md border border-brand-700 px-3 py-1.5 font-semibold text-brand-800 hover:bg-brand-50">
                    {t("retry")}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
