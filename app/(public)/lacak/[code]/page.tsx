import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import { ReporterActions } from "@/components/reporter-actions";
import { StatusBadge } from "@/components/status-badge";
import { EvidenceAndLapor } from "@/components/tracking/evidence-and-lapor";
import type { DeadlineOutcome } from "@/domain/sla";
import { formatCoordinates, osmLink } from "@/domain/geo";
import { listEventAttachments } from "@/db/queries/attachments";
import { MergedProgress } from "@/components/tracking/merged-progress";
import { getDb } from "@/server/db";
import { loadPublicComplaint } from "@/server/public-complaint";
import { timelineMessage } from "@/server/public-json";
import { region } from "@/server/region";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("track");
  // The private key is in the URL: keep it out of every Referer header (only the origin is sent).
  // Not "no-referrer": with it browsers send `Origin: null` when the reporter's forms are posted
  // without JavaScript, and Next refuses that as a cross-site server-action request.
  return { title: `${t("title")} ${(await params).code.toUpperCase()}`, referrer: "strict-origin", robots: { index: false } };
}

export default async function ComplaintTrackingPage({ params, searchParams }: Props) {
  const [{ code }, sp] = await Promise.all([params, searchParams]);
  const key = typeof sp.key === "string" ? sp.key : null;
  const view = await loadPublicComplaint(getDb(), code, region().code, key);
  // Unknown or malformed code: the look-up page says which, beside a form to correct it.
  // (Not notFound(): Next 16 renders its 404 body only with JavaScript, vercel/next.js#62228.)
  if (!view) redirect(`/lacak?code=${encodeURIComponent(code.slice(0, 40))}`);
  // Codes are case-insensitive on input (a hand-typed `btm-7k3q…`): show one canonical address.
  if (view.trackingCode !== code) redirect(`/lacak/${view.trackingCode}${key ? `?key=${encodeURIComponent(key)}` : ""}`);
  const t = await getTranslations("track");
  const tr = await getTranslations("recover");
  const tt = await getTranslations();
  const { when } = await localTime();
  const f = view.full;
  // The agency's latest answer and the files it came with, shown where the reporter accepts or objects.
  const answer = view.keyValid ? f?.timeline.findLast((e) => e.action === "respond") : undefined;
  const answerFiles = answer && key ? { items: await listEventAttachments(getDb(), answer.id), key } : undefined;
  // Merged: the reporter follows the primary (its status, not "Diarsipkan"; its progress).
  const primary = f && view.mergedIntoCode ? await loadPublicComplaint(getDb(), view.mergedIntoCode, region().code, null) : null;

  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-3">
        <p className="font-mono text-lg font-semibold tracking-wider text-slate-700">{view.trackingCode}</p>
        <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{f ? f.title : t("title")}</h1>
        <p className="flex items-center gap-2">
          <span className="text-sm text-slate-600">{t("status")}:</span> <StatusBadge status={primary?.status ?? view.status} />
        </p>
      </header>

      {primary ? <MergedProgress primary={primary} /> : null}
      {view.status === "forwarded" ? <p className="rounded-md border-l-4 border-brand-600 bg-brand-50 p-3">{tr("forwardedExplain")}</p> : null}
      {view.keyValid === false ? <p role="alert" className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-3">{t("wrongKey")}</p> : null}
      {view.keyValid === true ? <p className="rounded-md bg-brand-50 p-3 text-sm text-brand-800">{t("privateView")}</p> : null}
      {view.keyValid === true && sp.baru === "1" ? (
        <p role="status" className="rounded-md border-l-4 border-green-700 bg-green-50 p-3">
          {tr("recovered")}
        </p>
      ) : null}

      {view.keyValid && view.workflow && key ? (
        <ReporterActions
          code={view.trackingCode}
          accessKey={key}
          status={view.status}
          workflow={view.workflow}
          lastQuestion={f?.timeline.findLast((e) => e.action === "request_info")?.message ?? null}
          lastAnswer={answer?.message ?? null}
          answerFiles={answerFiles}
          done={sp.done === "1"}
        />
      ) : null}

      {!f ? (
        <p className="rounded-md bg-white p-4 ring-1 ring-slate-200">{t("confidential")}</p>
      ) : (
        <>
          <dl className="grid gap-x-6 gap-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200 sm:grid-cols-2">
            <Item label={t("opd")} value={f.opd?.name ?? t("notYetRouted")} />
            <Item label={t("category")} value={f.category?.name ?? "—"} />
            <Item label={t("area")} value={f.area ? [f.area.kelurahan, `Kec. ${f.area.kecamatan}`].filter(Boolean).join(", ") : "—"} />
            <Item label={t("submittedAt")} value={`${when(f.createdAt)} · ${tt(`channel.${f.channel}`)}`} />
            {view.keyValid && f.address ? <Item label={t("address")} value={f.address} /> : null}
            {view.keyValid && f.location ? (
              <div>
                <dt className="text-sm text-slate-600">{t("coordinates")}</dt>
                <dd className="font-medium">
                  {formatCoordinates(f.location)}{" "}
                  <a href={osmLink(f.location)} className="text-brand-700 underline" rel="noreferrer">
                    {t("openMap")}
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>

          <section aria-labelledby="body-h" className="space-y-2">
            <h2 id="body-h" className="text-lg font-semibold">{t("body")}</h2>
            <p className="whitespace-pre-line break-words rounded-lg bg-white p-5 ring-1 ring-slate-200">{f.body}</p>
            {f.attachmentCount > 0 && !view.keyValid ? <p className="text-sm text-slate-600">{t("attachments", { count: f.attachmentCount })}</p> : null}
          </section>

          <EvidenceAndLapor code={view.trackingCode} accessKey={view.keyValid && key ? key : null} />

          <section aria-labelledby="deadlines-h" className="space-y-2">
            <h2 id="deadlines-h" className="text-lg font-semibold">{t("deadlines")}</h2>
            <dl className="grid gap-3 sm:grid-cols-3">
              {(["verification", "firstResponse", "resolution"] as const).map((clock) => {
                const due = f.deadlines[clock];
                const { outcome, done } = f.outcomes[clock];
                return (
                  <div key={clock} className="rounded-md bg-white p-3 ring-1 ring-slate-200" data-deadline={clock} data-outcome={outcome ?? "none"}>
                    <dt className="text-sm text-slate-600">{t(`deadline${clock[0]!.toUpperCase()}${clock.slice(1)}` as "deadlineVerification")}</dt>
                    <dd className="font-medium">{due ? when(due) : t("notRunning")}</dd>
                    {outcome ? (
                      <dd className={`mt-1 text-sm font-semibold ${OUTCOME_CLASS[outcome]}`}>
                        <span aria-hidden>{OUTCOME_MARK[outcome]} </span>
                        {t(`outcome.${outcome}`, { done: done ? when(done) : "" })}
                      </dd>
                    ) : null}
                  </div>
                );
              })}
            </dl>
          </section>

          <section aria-labelledby="timeline-h" className="space-y-2">
            <h2 id="timeline-h" className="text-lg font-semibold">{t("timeline")}</h2>
            <ol className="space-y-3 border-l-2 border-brand-100 pl-4">
              {f.timeline.map((e, i) => (
                <li key={i} className="relative">
                  <span aria-hidden className="absolute -left-[1.4rem] top-1.5 size-3 rounded-full bg-brand-600" />
                  <p className="text-sm text-slate-600">
                    <time dateTime={e.at.toISOString()}>{when(e.at)}</time>
                  </p>
                  <p>{timelineMessage(tt, e)}</p>
                  {e.ownText ? (
                    <blockquote className="mt-1 whitespace-pre-line border-l-4 border-slate-300 bg-white p-2 text-slate-800">
                      <span className="block text-sm text-slate-600">{tr("yourReply")}</span>
                      {e.ownText}
                    </blockquote>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}

      {view.keyValid !== true ? (
        <aside aria-labelledby="offer-h" className="space-y-1 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="offer-h" className="font-semibold">
            <a href={`/lacak/${view.trackingCode}/pelapor`} className="text-brand-700 underline">
              {tr("offer")}
            </a>
          </h2>
          <p className="text-sm text-slate-700">{tr("offerLead")}</p>
        </aside>
      ) : null}
    </article>
  );
}

/** The mark beside each deadline: colour is never the only sign (a symbol and words go with it). */
const OUTCOME_CLASS: Record<DeadlineOutcome, string> = {
  met: "text-green-800",
  late: "text-amber-900",
  missed: "text-red-800",
  paused: "text-slate-700",
  pending: "text-slate-700",
  void: "text-slate-600",
};
const OUTCOME_MARK: Record<DeadlineOutcome, string> = { met: "✓", late: "!", missed: "✗", paused: "‖", pending: "…", void: "–" };

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="font-medium">{value}</dd>
    </div>
  );
}
