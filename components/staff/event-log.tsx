import { getFormatter, getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import type { complaintEventLog } from "@/db/queries/staff-complaints";

type EventRow = Awaited<ReturnType<typeof complaintEventLog>>[number];

/** The complete event log of a complaint for staff: who, role, when, from → to, reason, messages. */
export async function EventLog({
  events,
  hideCoordinatorMessages = false,
  shown = (s) => s,
}: {
  events: EventRow[];
  hideCoordinatorMessages?: boolean;
  /** How this reader sees free text (reporter_text's redaction for an anonymous complaint). */
  shown?: (text: string) => string;
}) {
  const t = await getTranslations("staff");
  const ts = await getTranslations("status");
  const tsla = await getTranslations("sla");
  const format = await getFormatter();
  const { when } = await localTime();
  const actor = (e: EventRow) =>
    e.actorName ? `${e.actorName} (${t(`roles.${e.actorRole}` as "roles.admin")})` : e.actorRole === "system" ? t("detail.system") : t("detail.reporterActor");
  return (
    <section aria-labelledby="log-h" className="space-y-2">
      <h2 id="log-h" className="text-lg font-semibold">{t("detail.log")}</h2>
      <ol className="space-y-3">
        {events.map((e) => {
          // A coordinator's message to an anonymous reporter may address them by name: OPD staff
          // see that it was sent, not what it said.
          const hidden = hideCoordinatorMessages && e.action === "contact_reporter";
          const message = !hidden && typeof e.data?.message === "string" ? shown(e.data.message) : null;
          return (
            <li key={e.id} className="rounded-md bg-white p-3 text-sm ring-1 ring-slate-200">
              <p className="flex flex-wrap gap-x-2 text-slate-600">
                <time dateTime={e.at.toISOString()}>{when(e.at)}</time>
                <span>·</span>
                <span>{actor(e)}</span>
              </p>
              <p className="font-medium">
                {e.action === "submit" ? t("detail.received") : t(`actions.${e.action}` as "actions.dispose")}
                {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
                  <span className="font-normal text-slate-700">
                    {" "}
                    — {ts(e.fromStatus)} → {ts(e.toStatus)}
                  </span>
                ) : null}
                {typeof e.data?.targetName === "string" ? <span className="font-normal"> — {e.data.targetName}</span> : null}
                {typeof e.data?.open311Client === "string" ? <span className="font-normal"> — {t("detail.open311Client", { name: e.data.open311Client })}</span> : null}
              </p>
              {e.action === "clock_resumed" && typeof e.data?.pausedMs === "number" ? (
                <p className="text-slate-700">{tsla("movedBy", { days: format.number(e.data.pausedMs / 86_400_000, { maximumFractionDigits: 1 }) })}</p>
              ) : null}
              {e.action === "sla_breached" && typeof e.data?.clock === "string" && typeof e.data?.due === "string" ? (
                <p className="text-slate-700">
                  {tsla("breachedClock", { clock: tsla(`clocks.${e.data.clock}` as "clocks.verification"), due: format.dateTime(new Date(e.data.due), { dateStyle: "medium", timeStyle: "short" }) })}
                </p>
              ) : null}
              {e.reason ? <p className="whitespace-pre-line break-words"><span className="text-slate-600">{t("fields.reason")}: </span>{shown(e.reason)}</p> : null}
              {e.publicMessage ? <p className="whitespace-pre-line break-words">{shown(e.publicMessage)}</p> : null}
              {message ? <p className="whitespace-pre-line break-words italic">{message}</p> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
