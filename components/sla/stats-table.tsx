import { getTranslations } from "next-intl/server";
import { BOARD_CLOCKS, bouncesPerComplaint, onTimeRate, type Figures } from "@/domain/sla-stats";
import type { StatFormat } from "./format";

const th = "px-2 py-2 text-left align-bottom font-semibold";
const td = "px-2 py-2 text-right tabular-nums";

/** One public breakdown (per OPD, category, area, month or channel) as an accessible table. */
export async function StatsTable({ id, title, rows, fmt }: { id: string; title: string; rows: { label: string; figures: Figures }[]; fmt: StatFormat }) {
  const t = await getTranslations("stats.cols");
  const tn = await getTranslations("stats");
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-xl font-semibold">{title}</h2>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="w-full border-collapse text-sm">
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className={th}>{t("group")}</th>
              <th scope="col" className={`${th} text-right`}>{t("complaints")}</th>
              {BOARD_CLOCKS.map((c) => (
                <th key={c} scope="col" className={`${th} text-right`}>{t(c)}</th>
              ))}
              <th scope="col" className={`${th} text-right`}>{t("median")}</th>
              <th scope="col" className={`${th} text-right`}>{t("bounces")}</th>
              <th scope="col" className={`${th} text-right`}>{t("rating")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.label}-${i}`} className="border-t border-slate-200">
                <th scope="row" className="px-2 py-2 text-left font-normal">{r.label}</th>
                <td className={td}>{fmt.number(r.figures.complaints)}</td>
                {BOARD_CLOCKS.map((c) => (
                  <td key={c} className={td}>{fmt.rate(onTimeRate(r.figures, c))}</td>
                ))}
                <td className={td}>{fmt.hours(r.figures.medianHours.resolution)}</td>
                <td className={td}>{bouncesPerComplaint(r.figures) === null ? tn("none") : fmt.number(bouncesPerComplaint(r.figures)!, 2)}</td>
                <td className={td}>{fmt.rating(r.figures.ratingSum, r.figures.ratings)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
