import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import { Flash, IntegrationNav, param, primarySmallButton, smallButton } from "@/components/integration/parts";
import { manualBacklog } from "@/db/queries/lapor-ops";
import { laporTask } from "@/domain/outbox-topics";
import { getDb } from "@/server/db";
import { laporConfig } from "@/integrations/lapor";
import { importReport } from "@/server/lapor-import";
import { requireStaff } from "@/server/staff";
import { ClientMessages } from "@/components/client-messages";
import { MarkEnteredForm } from "@/components/integration/mark-entered-form";
import { ImportForm } from "@/components/integration/import-form";

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * Manual mode, for when the integration is off or failing: download what LAPOR still has to
 * receive, tick what was entered by hand, and import LAPOR's own export to link or create.
 */
export default async function ManualModePage({ searchParams }: { searchParams: Search }) {
  await requireStaff("integration.operate");
  const sp = await searchParams;
  const t = await getTranslations("staff.integration");
  const { when } = await localTime();
  const db = getDb();
  const importId = Number(param(sp.import));
  const [items, report] = await Promise.all([manualBacklog(db, 500), Number.isSafeInteger(importId) && importId > 0 ? importReport(db, importId) : null]);
  const done = param(sp.done);
  const off = laporConfig() === null;

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-2xl font-bold text-brand-800">{t("manual.title")}</h1>
        <p className="text-slate-700">{t("manual.lead")}</p>
        <IntegrationNav current="manual" />
      </div>
      {off ? <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">{t("manual.offBanner")}</p> : null}
      <Flash ok={done ? t(`done.${done}` as "done.marked", { n: param(sp.n) ?? "0", skipped: param(sp.skipped) ?? "0" }) : null} />
      {done === "marked" && Number(param(sp.busy)) > 0 ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">{t("done.markedBusy", { busy: param(sp.busy) ?? "0" })}</p>
      ) : null}

      <section aria-labelledby="export-h" className="space-y-3">
        <h2 id="export-h" className="text-lg font-semibold">{t("manual.exportTitle", { n: items.length })}</h2>
        <p className="text-sm text-slate-700">{t("manual.exportLead")}</p>
        <div className="flex flex-wrap gap-2">
          <a href="/petugas/integrasi/manual/ekspor?format=csv" download className={primarySmallButton}>{t("manual.downloadCsv")}</a>
          <a href="/petugas/integrasi/manual/ekspor?format=json" download className={smallButton}>{t("manual.downloadJson")}</a>
        </div>
        {items.length === 0 ? <p className="rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">{t("manual.nothingPending")}</p> : (
          <ClientMessages sections={["staff"]}>
            <MarkEnteredForm
              buttonClass={primarySmallButton}
              items={items.map((i) => {
                const task = laporTask(i.topic) ?? "followup";
                return { id: i.id, trackingCode: i.trackingCode, task: t(`topic.${task}`), title: i.title, queuedAt: t("manual.queuedAt", { at: when(i.createdAt) }), dead: i.status === "dead", leased: !!i.leased, create: task === "create_complaint" };
              })}
            />
          </ClientMessages>
        )}
      </section>

      <section aria-labelledby="import-h" className="space-y-3">
        <h2 id="import-h" className="text-lg font-semibold">{t("manual.importTitle")}</h2>
        <p className="text-sm text-slate-700">{t("manual.importLead")}</p>
        <ClientMessages sections={["staff"]}>
          <ImportForm buttonClass={primarySmallButton} />
        </ClientMessages>
        {report ? (
          <div role="status" className="space-y-3 rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">
            <p className="font-medium">{t("manual.report", { at: when(report.at), rows: report.rows, ...Object.fromEntries(Object.entries(report.counts).map(([k, v]) => [k, String(v)])) })}</p>
            <ReportList title={t("manual.linked")} rows={report.linked} />
            <ReportList title={t("manual.created")} rows={report.created} />
            <ReportList title={t("manual.unchanged")} rows={report.unchanged} />
            {report.errors.length ? (
              <div>
                <h3 className="font-semibold text-red-800">{t("manual.rowErrors")}</h3>
                <ul className="list-disc pl-5">
                  {report.errors.map((e, n) => {
                    const [key, p] = e.error.split("|");
                    return <li key={n}>{t("manual.rowError", { row: e.row, field: e.field, error: t.has(`importErrors.${key}`) ? t(`importErrors.${key}` as "importErrors.required", { p: p ?? "" }) : e.error })}</li>;
                  })}
                </ul>
              </div>
            ) : null}
          </div>
        ) : null}
      </section>
    </div>
  );
}

function ReportList({ title, rows }: { title: string; rows: { row: number; laporId: string; trackingCode: string }[] }) {
  if (rows.length === 0) return null;
  return (
    <details>
      <summary className="cursor-pointer font-semibold">{title} ({rows.length})</summary>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {rows.map((r) => (
          <li key={r.laporId}>
            <Link href={`/petugas/aduan/${r.trackingCode}`} className="font-mono underline">{r.trackingCode}</Link> ← LAPOR {r.laporId}
          </li>
        ))}
      </ul>
    </details>
  );
}
