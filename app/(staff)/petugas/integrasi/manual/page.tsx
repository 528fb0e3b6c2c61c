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
import { importAction, markEnteredAction } from "@/app/(staff)/petugas/integrasi/actions";

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
  const error = param(sp.error);
  const off = laporConfig() === null;
  // A refused tracking number: its item and what was typed, shown again beside it.
  const badItem = Number(param(sp.item));
  const badValue = param(sp.value) ?? "";

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-2xl font-bold text-brand-800">{t("manual.title")}</h1>
        <p className="text-slate-700">{t("manual.lead")}</p>
        <IntegrationNav current="manual" />
      </div>
      {off ? <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">{t("manual.offBanner")}</p> : null}
      <Flash
        ok={done ? t(`done.${done}` as "done.marked", { n: param(sp.n) ?? "0", skipped: param(sp.skipped) ?? "0" }) : null}
        error={error ? t(`errors.${error}` as "errors.empty", { code: items.find((i) => i.id === badItem)?.trackingCode ?? "" }) : null}
      />
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
          <form action={markEnteredAction} className="space-y-3">
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">{t("manual.markLegend")}</legend>
              <ul className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200">
                {items.map((i) => {
                  const task = laporTask(i.topic) ?? "followup";
                  return (
                    <li key={i.id} className="flex flex-wrap gap-3 p-3">
                      <input type="checkbox" name="id" value={i.id} id={`item-${i.id}`} className="mt-1 size-5 shrink-0" />
                      <label htmlFor={`item-${i.id}`} className="min-w-0 space-y-0.5">
                        <span className="block font-medium">
                          <span className="font-mono">{i.trackingCode}</span> · {t(`topic.${task}`)}
                          {i.status === "dead" ? <span className="ml-2 rounded bg-red-100 px-1.5 text-xs text-red-900">{t("manual.dead")}</span> : null}
                          {i.leased ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("manual.inDelivery")}</span> : null}
                        </span>
                        <span className="block truncate text-slate-700">{i.title}</span>
                        <span className="block text-slate-600">{t("manual.queuedAt", { at: when(i.createdAt) })}</span>
                      </label>
                      {task === "create_complaint" ? (
                        <div className="ml-auto flex shrink-0 flex-col gap-1 text-xs">
                          <label htmlFor={`tracking-${i.id}`} className="text-slate-700">{t("manual.trackingLabel", { code: i.trackingCode })}</label>
                          <input
                            id={`tracking-${i.id}`}
                            name={`tracking-${i.id}`}
                            maxLength={60}
                            autoComplete="off"
                            defaultValue={badItem === i.id ? badValue : undefined}
                            aria-invalid={badItem === i.id ? true : undefined}
                            className="w-40 rounded border border-slate-300 px-2 py-1 font-mono text-sm aria-invalid:border-red-600"
                          />
                        </div>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </fieldset>
            <button type="submit" className={primarySmallButton}>{t("manual.markEntered")}</button>
          </form>
        )}
      </section>

      <section aria-labelledby="import-h" className="space-y-3">
        <h2 id="import-h" className="text-lg font-semibold">{t("manual.importTitle")}</h2>
        <p className="text-sm text-slate-700">{t("manual.importLead")}</p>
        <form action={importAction} className="flex flex-col gap-3 rounded-lg bg-white p-3 ring-1 ring-slate-200 sm:flex-row sm:items-end">
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor="import-file" className="font-medium">{t("manual.importFile")}</label>
            <input id="import-file" name="file" type="file" required accept=".csv,.json,text/csv,application/json" className="max-w-full text-sm" />
          </div>
          <button type="submit" className={primarySmallButton}>{t("manual.importButton")}</button>
        </form>
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
