import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import { runStaffAction } from "@/app/(staff)/petugas/aduan/[code]/actions";
import { ClientMessages } from "@/components/client-messages";
import { StatusBadge } from "@/components/status-badge";
import { ActionButton } from "./action-form";
import type { Channel, ComplaintStatus } from "@/domain/complaint-status";

export type Compared = {
  trackingCode: string;
  title: string;
  body: string;
  place: string;
  status: ComplaintStatus;
  channel: Channel;
  createdAt: Date;
  score?: number;
};

/**
 * Possible duplicates side by side with the complaint (title, body, place, date, channel), each
 * with a "merge into this one" button — a plain form posting the workflow's `merge`, no code to
 * type. Two columns on a desktop, stacked on a phone.
 */
export async function DuplicateCandidates({ current, candidates }: { current: Compared; candidates: Compared[] }) {
  const t = await getTranslations("flow.dup");
  const tc = await getTranslations("channel");
  const { when } = await localTime();
  const facts = (c: Compared) => (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
      <dt className="text-slate-600">{t("place")}</dt>
      <dd>{c.place}</dd>
      <dt className="text-slate-600">{t("date")}</dt>
      <dd>{when(c.createdAt)}</dd>
      <dt className="text-slate-600">{t("channel")}</dt>
      <dd>{tc(c.channel)}</dd>
      <dt className="text-slate-600">{t("status")}</dt>
      <dd>
        <StatusBadge status={c.status} />
      </dd>
    </dl>
  );
  const card = (c: Compared, label: string) => (
    <div className="min-w-0 space-y-2 rounded-md bg-white p-3 ring-1 ring-slate-200">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</p>
      <p className="font-mono text-sm font-semibold">
        {label === t("this") ? c.trackingCode : <Link href={`/petugas/aduan/${c.trackingCode}`} className="underline">{c.trackingCode}</Link>}
      </p>
      <p className="font-semibold">{c.title}</p>
      <p className="line-clamp-6 whitespace-pre-line break-words text-sm text-slate-800">{c.body}</p>
      {facts(c)}
    </div>
  );
  return (
    <section aria-labelledby="dup-h" className="space-y-3">
      <h2 id="dup-h" className="text-lg font-semibold">{t("title")}</h2>
      {candidates.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">{t("lead")}</p>
          <ClientMessages sections={["errors"]}>
            <ul className="space-y-4">
              {candidates.map((d) => (
                <li key={d.trackingCode} className="space-y-2 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200" data-candidate={d.trackingCode}>
                  <p className="text-sm font-medium text-slate-700">{d.score !== undefined ? t("similarity", { pct: Math.round(d.score * 100) }) : null}</p>
                  <div className="grid gap-3 md:grid-cols-2">
                    {card(current, t("this"))}
                    {card(d, t("candidate"))}
                  </div>
                  <ActionButton
                    submit={runStaffAction}
                    hidden={{ code: current.trackingCode, action: "merge", primaryCode: d.trackingCode }}
                    className="min-h-11 w-full rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 sm:w-auto"
                  >
                    {t("mergeInto")}
                    <span className="sr-only"> ({d.trackingCode})</span>
                  </ActionButton>
                </li>
              ))}
            </ul>
          </ClientMessages>
        </>
      )}
    </section>
  );
}
