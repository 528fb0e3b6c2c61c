import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import { Flash, IntegrationNav, param, primarySmallButton, smallButton } from "@/components/integration/parts";
import { ChannelHealthPanel } from "@/components/staff/channel-health";
import { deadLetters as channelDeadLetters } from "@/db/queries/channel-health";
import { channelHealth } from "@/server/channel-health";
import { retryChannelAction } from "@/app/(staff)/petugas/sms-masuk/actions";
import { deadLetters, heldItems, integrationOverview, openQuarantine } from "@/db/queries/lapor-ops";
import { integrationHealth } from "@/domain/lapor-ops";
import { getDb } from "@/server/db";
import { laporConfig } from "@/integrations/lapor";
import { env } from "@/lib/env";
import { lastReconcile, RECONCILE_BUDGET } from "@/server/lapor-reconcile";
import { requireStaff } from "@/server/staff";
import { ClientMessages } from "@/components/client-messages";
import { QuarantineResolve, ReconcileForm, ResolveQuarantineButton } from "@/components/integration/button-forms";
import { retryDeadAction } from "./actions";

type Search = Promise<Record<string, string | string[] | undefined>>;

const HEALTH_STYLE = {
  ok: "bg-green-100 text-green-900 ring-green-300",
  degraded: "bg-amber-100 text-amber-900 ring-amber-300",
  disabled: "bg-slate-100 text-slate-800 ring-slate-300",
  halted: "bg-red-100 text-red-900 ring-red-300",
} as const;

/** The LAPOR integration at a glance: health, backlog, dead letters, quarantine, reconciliation. */
export default async function IntegrationPage({ searchParams }: { searchParams: Search }) {
  await requireStaff("integration.operate");
  const sp = await searchParams;
  const t = await getTranslations("staff.integration");
  const ts = await getTranslations("status");
  const format = await getFormatter();
  const { when: localWhen } = await localTime();
  const db = getDb();
  const now = new Date();
  const e = env();
  const [overview, dead, held, quarantine, report, channels, deadSms, deadEmail] = await Promise.all([
    integrationOverview(db, now),
    deadLetters(db),
    heldItems(db),
    openQuarantine(db),
    lastReconcile(db),
    channelHealth(db),
    channelDeadLetters(db, "sms"),
    channelDeadLetters(db, "email"),
  ]);
  const poll = overview.jobs.find((j) => j.name.includes("poll")) ?? overview.jobs[0] ?? null;
  const health = integrationHealth({
    configured: laporConfig() !== null,
    halt: overview.halt,
    dead: overview.dead,
    held: overview.held,
    oldestDueAgeMs: overview.backlog.oldestDueAt ? now.getTime() - overview.backlog.oldestDueAt.getTime() : null,
    lastPollOkAt: poll?.lastOkAt ?? null,
    lastPollErrorAt: poll?.lastErrorAt ?? null,
    pollEveryMs: e.LAPOR_POLL_SECONDS * 1000,
    now,
  });
  const when = (d: Date | null | undefined) => (d ? `${localWhen(d)} (${format.relativeTime(d, now)})` : t("never"));
  const done = param(sp.done);

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t("lead")}</p>
        <IntegrationNav current="overview" />
      </div>
      <Flash ok={done ? t(`done.${done}` as "done.retry", { n: param(sp.n) ?? "0" }) : null} />

      <section aria-labelledby="health-h" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="health-h" className="text-lg font-semibold">{t("health.title")}</h2>
          <span data-health={health.state} className={`rounded-full px-3 py-1 text-sm font-semibold ring-1 ${HEALTH_STYLE[health.state]}`}>
            {t(`health.state.${health.state}`)}
          </span>
        </div>
        {overview.halt ? (
          <p className="rounded-md bg-red-50 p-3 text-red-900">
            {t("health.haltedBecause", { reason: overview.halt.reason, since: when(overview.halt.haltedAt), retry: when(overview.halt.retryAt) })}
          </p>
        ) : null}
        {health.state === "disabled" ? <p className="text-slate-700">{t("health.disabledHint")}</p> : null}
        {health.reasons.filter((r) => r !== "halted").length ? (
          <ul className="list-disc pl-5 text-sm text-slate-800">
            {health.reasons.filter((r) => r !== "halted").map((r) => <li key={r}>{t(`health.reason.${r}`)}</li>)}
          </ul>
        ) : null}
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t("health.lastPoll")}</dt>
            <dd className="font-medium">{when(poll?.lastOkAt)}</dd>
            {poll?.lastError && poll.lastErrorAt && (!poll.lastOkAt || poll.lastErrorAt > poll.lastOkAt) ? (
              <dd className="text-red-800">{t("health.lastPollError", { at: when(poll.lastErrorAt), error: poll.lastError })}</dd>
            ) : null}
          </div>
          <div>
            <dt className="text-slate-600">{t("health.lastDelivery")}</dt>
            <dd className="font-medium">{when(overview.lastDeliveryAt)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("health.backlog")}</dt>
            <dd className="font-medium" data-testid="backlog">
              {t("health.backlogValue", { n: overview.backlog.pending, age: overview.backlog.oldestAt ? format.relativeTime(overview.backlog.oldestAt, now) : "—" })}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("health.deadAndQuarantine")}</dt>
            <dd className="font-medium">{t("health.deadAndQuarantineValue", { dead: overview.dead, quarantined: overview.quarantined })}</dd>
          </div>
        </dl>
        {health.state !== "ok" ? (
          <p className="text-sm">
            <Link href="/petugas/integrasi/manual" className="font-semibold text-brand-700 underline">{t("health.useManual")}</Link>
          </p>
        ) : null}
      </section>

      <ChannelHealthPanel health={channels} dead={{ sms: deadSms, email: deadEmail }} retry={retryChannelAction} back="integrasi" />
      <section aria-labelledby="dead-h" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="dead-h" className="text-lg font-semibold">{t("dead.title", { n: overview.dead })}</h2>
          {dead.length ? (
            <form action={retryDeadAction}>
              <input type="hidden" name="all" value="1" />
              <button type="submit" className={primarySmallButton}>{t("dead.retryAll")}</button>
            </form>
          ) : null}
        </div>
        <p className="text-sm text-slate-700">{t("dead.lead")}</p>
        {dead.length === 0 ? <p className="rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">{t("dead.none")}</p> : (
          <ul className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200">
            {dead.map((d) => (
              <li key={d.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0 space-y-1">
                  <p className="font-medium">
                    {t(`topic.${d.topic.replace("lapor.", "")}` as "topic.followup")}
                    {d.trackingCode ? <> · <Link href={`/petugas/aduan/${d.trackingCode}`} className="font-mono underline">{d.trackingCode}</Link></> : null}
                  </p>
                  <p className="text-slate-600">{t("dead.meta", { attempts: d.attempts, at: when(d.createdAt) })}</p>
                  {d.lastError ? <p className="break-words font-mono text-xs text-red-800">{d.lastError}</p> : null}
                </div>
                <form action={retryDeadAction} className="shrink-0">
                  <input type="hidden" name="id" value={d.id} />
                  <button type="submit" className={smallButton} aria-label={t("dead.retryOneLabel", { what: d.trackingCode ?? String(d.id) })}>{t("dead.retryOne")}</button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>

      {held.length ? (
        <section aria-labelledby="held-h" className="space-y-3">
          <h2 id="held-h" className="text-lg font-semibold">{t("held.title", { n: overview.held })}</h2>
          <p className="text-sm text-slate-700">{t("held.lead")}</p>
          <ul className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-amber-300">
            {held.map((h) => (
              <li key={h.id} className="space-y-1 p-3">
                <p className="font-medium">
                  {t(`topic.${h.topic.replace("lapor.", "")}` as "topic.followup")}
                  {h.trackingCode ? <> · <Link href={`/petugas/aduan/${h.trackingCode}`} className="font-mono underline">{h.trackingCode}</Link></> : null}
                </p>
                <p className="text-slate-600">{t("held.meta", { attempts: h.attempts, at: when(h.createdAt), next: when(h.nextAttemptAt) })}</p>
                {h.lastError ? <p className="break-words font-mono text-xs text-amber-900">{h.lastError}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="quarantine-h" className="space-y-3">
        <h2 id="quarantine-h" className="text-lg font-semibold">{t("quarantine.title", { n: overview.quarantined })}</h2>
        <p className="text-sm text-slate-700">{t("quarantine.lead")}</p>
        <ClientMessages sections={["staff"]}>
          <QuarantineResolve>
            {quarantine.length === 0 ? <p className="rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">{t("quarantine.none")}</p> : (
              <ul className="space-y-3">
                {quarantine.map((q) => (
                  <li key={q.id} className="space-y-2 rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">
                    <p className="font-medium">{q.source} · {t("quarantine.version", { v: q.adapterVersion })} · {when(q.receivedAt)}</p>
                    <p className="text-red-800">{q.reason}</p>
                    <details>
                      <summary className="cursor-pointer font-medium text-brand-700">{t("quarantine.raw", { n: q.raw.length })}</summary>
                      {/* React escapes the text: a payload can never become markup on this page. */}
                      <pre className="mt-2 max-h-72 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">{q.raw.slice(0, 20_000)}</pre>
                    </details>
                    <ResolveQuarantineButton id={q.id} label={t("quarantine.resolve")} buttonClass={smallButton} />
                  </li>
                ))}
              </ul>
            )}
          </QuarantineResolve>
        </ClientMessages>
      </section>

      <section aria-labelledby="reconcile-h" className="space-y-3">
        <h2 id="reconcile-h" className="text-lg font-semibold">{t("reconcile.title")}</h2>
        <p className="text-sm text-slate-700">{t("reconcile.lead", { n: RECONCILE_BUDGET })}</p>
        <ClientMessages sections={["staff"]}>
          <ReconcileForm label={t("reconcile.run")} buttonClass={primarySmallButton} />
        </ClientMessages>
        {report ? (
          <div className="space-y-2 rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">
            <p>{t("reconcile.summary", { at: when(new Date(report.ranAt)), checked: report.checked, notChecked: report.notChecked, waiting: report.notYetInLapor, n: report.differences.length })}</p>
            {report.differences.length ? (
              <ul className="divide-y divide-slate-200">
                {report.differences.map((d) => (
                  <li key={d.laporId} className="flex flex-wrap gap-x-3 py-2">
                    <Link href={`/petugas/aduan/${d.trackingCode}`} className="font-mono underline">{d.trackingCode}</Link>
                    <span>{t("reconcile.laporId", { id: d.laporId })}</span>
                    <span>{t("reconcile.pintu", { status: ts(d.pintuStatus) })}</span>
                    <span>{d.laporStatus === null ? "" : t("reconcile.lapor", { status: t(`laporStatus.${d.laporStatus}` as "laporStatus.0") })}</span>
                    <span className="font-medium text-red-800">{t(`reconcile.problem.${d.problem}`)}</span>
                  </li>
                ))}
              </ul>
            ) : <p className="text-green-800">{t("reconcile.allAgree")}</p>}
            {report.duplicates ? (
              <div className="space-y-1 border-t border-slate-200 pt-2" data-testid="duplicates">
                <h3 className="font-semibold">{t("reconcile.duplicatesTitle")}</h3>
                <p className="text-slate-700">{t("reconcile.duplicatesLead", { checked: report.answersChecked ?? 0, notChecked: report.answersNotChecked ?? 0 })}</p>
                {report.duplicates.length ? (
                  <ul className="divide-y divide-slate-200">
                    {report.duplicates.map((d) => (
                      <li key={`${d.laporId}-${d.eventId}`} className="flex flex-wrap gap-x-3 py-2">
                        <Link href={`/petugas/aduan/${d.trackingCode}`} className="font-mono underline">{d.trackingCode}</Link>
                        <span>{t("reconcile.laporId", { id: d.laporId })}</span>
                        <span className="font-medium text-red-800">{t("reconcile.duplicate", { ref: d.eventId, copies: d.copies, ids: d.laporFollowupIds.join(", ") })}</span>
                      </li>
                    ))}
                  </ul>
                ) : <p className="text-green-800">{t("reconcile.noDuplicates")}</p>}
              </div>
            ) : null}
          </div>
        ) : <p className="text-sm text-slate-600">{t("reconcile.never")}</p>}
      </section>
    </div>
  );
}
