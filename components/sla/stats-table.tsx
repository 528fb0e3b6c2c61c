import { getTranslations } from "next-intl/server";
import { BOARD_CLOCKS, bouncesPerComplaint, onTimeRate, type Figures } from "@/domain/sla-stats";
import type { StatFormat } from "./format";

const th = "px-2 py-2 text-left align-bottom font-semibold";
// On a phone every row becomes a card: each figure on its own line, named by its column.
const td = "px-2 py-2 text-right tabular-nums max-sm:flex max-sm:justify-between max-sm:gap-4 max-sm:px-0 max-sm:py-1 max-sm:before:text-left max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)]";

/**
 * One public breakdown (per OPD, category, area, month or channel) as an accessible table; below
 * 640 px, stacked cards. `hours` formats a median (null or none counted: "–").
 */
export async function StatsTable({
  id,
  title,
  groupLabel,
  rows,
  fmt,
  hours,
}: {
  id: string;
  title: string;
  groupLabel: string;
  rows: { label: string; figures: Figures }[];
  fmt: StatFormat;
  hours: (f: Figures) => string;
}) {
  const t = await getTranslations("stats.cols");
  const tn = await getTranslations("stats");
  const cols = [t("complaints"), ...BOARD_CLOCKS.map((c) => t(c)), t("median"), t("bounces"), t("rating")];
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-xl font-semibold">{title}</h2>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200 max-sm:overflow-visible max-sm:bg-transparent max-sm:ring-0">
        <table className="w-full border-collapse text-sm max-sm:block">
          <thead className="bg-slate-100 max-sm:sr-only">
            <tr>
              <th scope="col" className={th}>{groupLabel}</th>
              {cols.map((c) => (
                <th key={c} scope="col" className={`${th} text-right`}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody className="max-sm:block max-sm:space-y-3">
            {rows.map((r, i) => {
              const values = [
                fmt.number(r.figures.complaints),
                ...BOARD_CLOCKS.map((c) => fmt.rate(onTimeRate(r.figures, c))),
                hours(r.figures),
                bouncesPerComplaint(r.figures) === null ? tn("none") : fmt.number(bouncesPerComplaint(r.figures)!, 2),
                fmt.rating(r.figures.ratingSum, r.figures.ratings),
              ];
              return (
                <tr key={`${r.label}-${i}`} className="border-t border-slate-200 max-sm:block max-sm:rounded-lg max-sm:border-0 max-sm:bg-white max-sm:p-3 max-sm:ring-1 max-sm:ring-slate-200">
                  <th scope="row" className="px-2 py-2 text-left font-normal max-sm:block max-sm:px-0 max-sm:pt-0 max-sm:text-base max-sm:font-semibold">{r.label}</th>
                  {values.map((v, j) => (
                    <td key={cols[j]} data-label={cols[j]} className={td}>{v}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
