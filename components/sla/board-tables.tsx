import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { OpenComplaintRow, OpenStates } from "@/db/queries/sla-board";
import { BOARD_CLOCKS, bouncesPerComplaint, CLOCK_STATES, NO_OPD, onTimeRate, type BoardFilter, type ClockState, type Figures } from "@/domain/sla-stats";
import type { BoardRow } from "@/server/sla-board";
import { hrefWith } from "./filter-form";
import type { StatFormat } from "./format";

const th = "px-2 py-2 text-left align-bottom font-semibold";
const td = "px-2 py-2 text-right tabular-nums";
const stateTone: Record<ClockState, string> = { on_track: "", at_risk: "text-amber-800", breached: "text-red-700 font-semibold", paused: "text-slate-600" };

/** Open complaints per OPD by clock state; each number opens the drill-down. */
export async function OpenTable({ rows, total, filter, fmt }: { rows: BoardRow[]; total: OpenStates; filter: BoardFilter; fmt: StatFormat }) {
  const t = await getTranslations("sla");
  const cell = (opdCode: string | null | undefined, state: ClockState, n: number) =>
    n === 0 ? (
      <span className="text-slate-400">0</span>
    ) : (
      <Link href={hrefWith("/petugas/sla/aduan", { ...filter, opdCode: opdCode === null ? NO_OPD : (opdCode ?? filter.opdCode) }, { state })} className={`underline ${stateTone[state]}`}>
        {fmt.number(n)}
      </Link>
    );
  const plain = (n: number) => (n === 0 ? <span className="text-slate-400">0</span> : fmt.number(n));
  const shown = rows.filter((r) => CLOCK_STATES.some((s) => (r.open?.[s] ?? 0) > 0 || (r.opdOpen?.[s] ?? 0) > 0));
  return (
    <section aria-labelledby="open-title" className="space-y-2">
      <h2 id="open-title" className="text-xl font-semibold">{t("open.title")}</h2>
      <p aria-hidden className="text-sm text-slate-600">{t("open.caption")}</p>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{t("open.caption")}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" rowSpan={2} className={th}>{t("open.opd")}</th>
              <th scope="colgroup" colSpan={CLOCK_STATES.length} className={`${th} text-center`}>{t("citizenDue")}</th>
              <th scope="colgroup" colSpan={CLOCK_STATES.length} className={`${th} border-l border-slate-300 text-center`}>{t("opdDue")}</th>
            </tr>
            <tr>
              {[...CLOCK_STATES, ...CLOCK_STATES].map((s, i) => (
                <th key={`${s}-${i}`} scope="col" className={`${th} text-right font-medium ${i === CLOCK_STATES.length ? "border-l border-slate-300" : ""}`}>
                  {t(`states.${s}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.opdId ?? "none"} className="border-t border-slate-200">
                <th scope="row" className="px-2 py-2 text-left font-normal">{r.name ?? t("noOpd")}</th>
                {CLOCK_STATES.map((s) => (
                  <td key={s} className={td}>{r.open ? cell(r.opdId === null ? null : r.code, s, r.open[s]) : plain(0)}</td>
                ))}
                {CLOCK_STATES.map((s, i) => (
                  <td key={`o-${s}`} className={`${td} ${i === 0 ? "border-l border-slate-300" : ""} ${r.opdOpen?.[s] ? stateTone[s] : ""}`}>{plain(r.opdOpen?.[s] ?? 0)}</td>
                ))}
              </tr>
            ))}
            <tr className="border-t-2 border-slate-300 font-semibold">
              <th scope="row" className="px-2 py-2 text-left">{t("open.total")}</th>
              {CLOCK_STATES.map((s) => (
                <td key={s} className={td}>{cell(undefined, s, total[s])}</td>
              ))}
              {CLOCK_STATES.map((s, i) => (
                <td key={`o-${s}`} className={`${td} ${i === 0 ? "border-l border-slate-300" : ""}`}>{plain(rows.reduce((n, r) => n + (r.opdOpen?.[s] ?? 0), 0))}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Figures for the period per OPD: on-time rates, medians, bounces and satisfaction. */
export async function PeriodTable({ rows, total, title, fmt }: { rows: BoardRow[]; total: Figures; title: string; fmt: StatFormat }) {
  const t = await getTranslations("sla");
  const cells = (f: Figures) => (
    <>
      <td className={td}>{fmt.number(f.complaints)}</td>
      {BOARD_CLOCKS.map((c) => (
        <td key={`r-${c}`} className={td}>{fmt.rate(onTimeRate(f, c))}</td>
      ))}
      {BOARD_CLOCKS.map((c) => (
        <td key={`m-${c}`} className={td}>{fmt.hours(f.medianHours[c])}</td>
      ))}
      <td className={td}>{bouncesPerComplaint(f) === null ? t("none") : fmt.number(bouncesPerComplaint(f)!, 2)}</td>
      <td className={td}>{fmt.rating(f.ratingSum, f.ratings)}</td>
    </>
  );
  const shown = rows.filter((r) => r.figures && r.figures.complaints > 0);
  return (
    <section aria-labelledby="period-title" className="space-y-2">
      <h2 id="period-title" className="text-xl font-semibold">{title}</h2>
      <p aria-hidden className="text-sm text-slate-600">{t("period.caption")}</p>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{t("period.caption")}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" rowSpan={2} className={th}>{t("open.opd")}</th>
              <th scope="col" rowSpan={2} className={`${th} text-right`}>{t("period.complaints")}</th>
              <th scope="colgroup" colSpan={3} className={`${th} text-center`}>{t("period.onTime")}</th>
              <th scope="colgroup" colSpan={3} className={`${th} text-center`}>{t("period.median")}</th>
              <th scope="col" rowSpan={2} className={`${th} text-right`}>{t("period.bounces")}</th>
              <th scope="col" rowSpan={2} className={`${th} text-right`}>{t("period.rating")}</th>
            </tr>
            <tr>
              {[...BOARD_CLOCKS, ...BOARD_CLOCKS].map((c, i) => (
                <th key={`${c}-${i}`} scope="col" className={`${th} text-right font-medium`}>{t(`clocks.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.opdId ?? "none"} className="border-t border-slate-200">
                <th scope="row" className="px-2 py-2 text-left font-normal">{r.name ?? t("noOpd")}</th>
                {cells(r.figures!)}
              </tr>
            ))}
            <tr className="border-t-2 border-slate-300 font-semibold">
              <th scope="row" className="px-2 py-2 text-left">{t("period.total")}</th>
              {cells(total)}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * Each OPD's own shares of the period on its own clock: dispositions received, answered within
 * the OPD's deadline, and bounces counted against the OPD that let go (late ones, and how many
 * working days it held them).
 */
export async function ShareTable({ rows, title, fmt }: { rows: BoardRow[]; title: string; fmt: StatFormat }) {
  const t = await getTranslations("sla");
  const shown = rows.filter((r) => r.shares && r.shares.shares > 0);
  if (shown.length === 0) return null;
  const days = (n: number | null) => (n === null ? t("none") : t("shares.days", { n: fmt.number(n, 1) }));
  return (
    <section aria-labelledby="shares-title" className="space-y-2">
      <h2 id="shares-title" className="text-xl font-semibold">{title}</h2>
      <p aria-hidden className="text-sm text-slate-600">{t("shares.caption")}</p>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{t("shares.caption")}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className={th}>{t("open.opd")}</th>
              {(["shares", "onTime", "bounces", "late", "median", "max"] as const).map((k) => (
                <th key={k} scope="col" className={`${th} text-right`}>{t(`shares.${k}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const f = r.shares!;
              return (
                <tr key={r.opdId ?? "none"} className="border-t border-slate-200">
                  <th scope="row" className="px-2 py-2 text-left font-normal">{r.name}</th>
                  <td className={td}>{fmt.number(f.shares)}</td>
                  <td className={td}>{fmt.rate(f.counted === 0 ? null : f.met / f.counted)}</td>
                  <td className={td}>{fmt.number(f.bounces)}</td>
                  <td className={`${td} ${f.lateBounces > 0 ? "font-semibold text-red-700" : ""}`}>{fmt.number(f.lateBounces)}</td>
                  <td className={td}>{days(f.medianBounceDays)}</td>
                  <td className={td}>{days(f.maxBounceDays)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Open complaints as a list linking to each complaint; the breached ones say how late. */
export async function OpenComplaintList({ rows, fmt }: { rows: OpenComplaintRow[]; fmt: StatFormat }) {
  const t = await getTranslations("sla");
  return (
    <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
      {rows.map((r) => (
        <li key={r.trackingCode} className="flex flex-col gap-1 p-3 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
          <div className="min-w-0">
            <p className="text-sm">
              <span className="font-mono font-semibold">{r.trackingCode}</span>
              <span className="text-slate-600"> · {r.opdName ?? t("noOpd")}</span>
            </p>
            <p>
              <Link href={`/petugas/aduan/${r.trackingCode}`} className="font-semibold text-brand-700 underline-offset-4 hover:underline">
                {r.title}
              </Link>
            </p>
          </div>
          <div className="shrink-0 text-sm sm:text-right">
            {r.state === "paused" || !r.clock || !r.due ? (
              <p className="text-slate-600">{t("drill.paused")}</p>
            ) : (
              <p className={stateTone[r.state]}>{t("drill.due", { clock: t(`clocks.${r.clock}`), due: fmt.dateTime(r.due), zone: fmt.zone })}</p>
            )}
            {r.lateHours !== null ? <p className="font-semibold text-red-700">{t("breached.late", { duration: fmt.hours(r.lateHours) })}</p> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
