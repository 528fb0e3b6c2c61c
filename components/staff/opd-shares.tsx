import { getFormatter, getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import type { Share } from "@/db/queries/opd-clocks";
import { isLateBounce, shareDue } from "@/domain/opd-share";
import { workingDaysSince } from "@/domain/sla";
import type { WorkingCalendar } from "@/domain/working-days";

const DAY_MS = 86_400_000;

/**
 * The citizen's wait and each OPD's own clock on the staff complaint page: how many working
 * days since the complaint was received (once it has changed hands), the running OPD's own
 * deadline beside the citizen's, and every hand-off with how long each OPD held it.
 */
export async function OpdShares({ shares, createdAt, calendar, now }: { shares: Share[]; createdAt: Date; calendar: WorkingCalendar; now: Date }) {
  if (shares.length === 0) return null;
  const t = await getTranslations("staff.shares");
  const format = await getFormatter();
  const { when } = await localTime();
  const running = shares.find((s) => !s.endedAt);
  const due = running ? shareDue(running) : null;
  const changedHands = shares.length > 1;
  return (
    <section aria-labelledby="shares-h" className="space-y-2 rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200">
      <h2 id="shares-h" className="text-lg font-semibold">{t("title")}</h2>
      {changedHands ? (
        <p className="font-semibold text-amber-900" data-testid="waited">
          {t("waited", { days: workingDaysSince(createdAt, now, calendar) })}
        </p>
      ) : null}
      {running && due ? (
        <p data-testid="opd-due">
          <span className="text-slate-600">{t("opdDue", { opd: running.opdName })}: </span>
          <span className={due < now ? "font-semibold text-red-700" : "font-medium"}>{when(due)}</span>
        </p>
      ) : null}
      <p className="text-slate-600">{t("note")}</p>
      <ol className="space-y-1">
        {shares.map((s) => {
          const days = format.number((s.heldMs ?? 0) / DAY_MS, { maximumFractionDigits: 1 });
          return (
            <li key={s.id} className="flex flex-wrap gap-x-2">
              <span className="font-medium">{s.opdName}</span>
              <span className="text-slate-600">
                {when(s.startedAt)}
                {s.endedAt ? ` – ${when(s.endedAt)}` : ""}
              </span>
              <span className={isLateBounce(s) ? "font-semibold text-red-700" : ""}>
                {s.endReason ? t(`ended.${s.endReason}`, { days }) : t("running")}
                {isLateBounce(s) ? ` (${t("late")})` : ""}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
