import { getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import type { ChannelHealth, OutboundState } from "@/server/channel-health";

type Dead = { id: number; topic: string; attempts: number; lastError: string | null; createdAt: Date };

const tone: Record<OutboundState | "quiet", string> = {
  ok: "bg-green-50 text-green-900 ring-green-300",
  quiet: "bg-slate-50 text-slate-900 ring-slate-300",
  not_configured: "bg-amber-50 text-amber-950 ring-amber-300",
  backlog: "bg-amber-50 text-amber-950 ring-amber-300",
  failing: "bg-red-50 text-red-900 ring-red-300",
  halted: "bg-red-50 text-red-900 ring-red-300",
};
const button = "inline-flex min-h-11 items-center justify-center rounded-md border border-brand-700 bg-white px-3 py-1.5 text-sm font-semibold text-brand-700 hover:bg-brand-50";

/**
 * The state of the SMS and e-mail channels (server/channel-health.ts): inbound SMS configured or
 * not and the last message, each outbound channel's state, backlog, failures and dead letters
 * with a retry (a plain form post: works without JavaScript; audited).
 */
export async function ChannelHealthPanel(props: {
  health: ChannelHealth;
  dead: { sms: Dead[]; email: Dead[] };
  retry?: (formData: FormData) => Promise<void>;
  back: string;
}) {
  const t = await getTranslations("staff.channels");
  const { when } = await localTime();
  const { inbound, outbound } = props.health;
  return (
    <section aria-labelledby="channels-h" className="space-y-3" data-testid="channel-health">
      <h2 id="channels-h" className="text-lg font-semibold">{t("title")}</h2>
      <ul className="grid gap-3 md:grid-cols-3">
        <li className={`rounded-lg p-3 ring-1 ${tone[inbound.state === "ok" ? "ok" : "not_configured"]}`} data-channel="sms-in" data-state={inbound.state}>
          <p className="font-semibold">{t("inbound")}: {t(`inboundState.${inbound.state}`)}</p>
          <p className="text-sm">{inbound.lastReceivedAt ? t("lastReceived", { when: when(inbound.lastReceivedAt) }) : t("neverReceived")}</p>
          {inbound.state === "not_configured" ? <p className="text-sm">{t("inboundHelp")}</p> : null}
        </li>
        {(["sms", "email"] as const).map((c) => {
          const o = outbound[c];
          return (
            <li key={c} className={`rounded-lg p-3 ring-1 ${tone[o.state]}`} data-channel={c} data-state={o.state}>
              <p className="font-semibold">
                {t(`outbound.${c}`)}: {t(`state.${o.state}`)}
              </p>
              <p className="text-sm">{t("figures", { pending: o.pending, failing: o.failing, dead: o.dead })}</p>
              {o.oldestPendingSeconds !== null ? <p className="text-sm">{t("oldest", { minutes: Math.round(o.oldestPendingSeconds / 60) })}</p> : null}
              {o.halted ? <p className="text-sm">{t("halted", { reason: o.halted.reason, when: when(o.halted.retryAt) })}</p> : null}
              {o.lastError ? (
                <p className="break-words text-sm">
                  {t("lastError")}: <span className="font-mono">{o.lastError.slice(0, 200)}</span>
                </p>
              ) : null}
              {!o.configured ? <p className="text-sm">{t(`notConfiguredHelp.${c}`)}</p> : null}
            </li>
          );
        })}
      </ul>
      {props.retry && (props.dead.sms.length > 0 || props.dead.email.length > 0) ? (
        <div className="space-y-2 rounded-lg bg-white p-3 ring-1 ring-slate-200">
          <h3 className="font-semibold">{t("deadTitle")}</h3>
          {(["sms", "email"] as const).map((c) =>
            props.dead[c].length === 0 ? null : (
              <div key={c} className="space-y-2">
                <ul className="divide-y divide-slate-200 text-sm">
                  {props.dead[c].map((d) => (
                    <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <span className="min-w-0 break-words">
                        <span className="font-mono">{d.topic}</span> · {t("attempts", { n: d.attempts })} · {when(d.createdAt)}
                        {d.lastError ? <span className="block font-mono text-xs text-slate-600">{d.lastError.slice(0, 160)}</span> : null}
                      </span>
                      <form action={props.retry}>
                        <input type="hidden" name="channel" value={c} />
                        <input type="hidden" name="id" value={String(d.id)} />
                        <input type="hidden" name="back" value={props.back} />
                        <button type="submit" className={button}>
                          {t("retry")}
                        </button>
                      </form>
                    </li>
                  ))}
                </ul>
                <form action={props.retry}>
                  <input type="hidden" name="channel" value={c} />
                  <input type="hidden" name="all" value="1" />
                  <input type="hidden" name="back" value={props.back} />
                  <button type="submit" className={button}>
                    {t(`retryAll.${c}`)}
                  </button>
                </form>
              </div>
            ),
          )}
        </div>
      ) : null}
    </section>
  );
}
