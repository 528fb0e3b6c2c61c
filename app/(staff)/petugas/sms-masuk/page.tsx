import { getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import { ChannelHealthPanel } from "@/components/staff/channel-health";
import { Pager, pageParam } from "@/components/staff/complaint-list";
import { deadLetters } from "@/db/queries/channel-health";
import { can } from "@/domain/permissions";
import { channelHealth } from "@/server/channel-health";
import { smsInbox } from "@/db/queries/sms";
import { titleFromText } from "@/domain/sms";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { requireStaff } from "@/server/staff";
import { ClientMessages } from "@/components/client-messages";
import { SmsConvertForm } from "@/components/staff/sms-convert-form";
import { dismissSms, retryChannelAction } from "./actions";

const PAGE_SIZE = 20;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The coordinator's inbox of text messages that could not be recorded automatically. */
export default async function SmsInboxPage({ searchParams }: Props) {
  const staff = await requireStaff("complaints.enter_on_behalf");
  const sp = await searchParams;
  const t = await getTranslations("staff.smsInbox");
  const { when } = await localTime();
  const page = pageParam(sp.page);
  const db = getDb();
  const [rows, health, deadSms, deadEmail] = await Promise.all([smsInbox(db, page, PAGE_SIZE), channelHealth(db), deadLetters(db, "sms"), deadLetters(db, "email")]);
  const tc = await getTranslations("staff.channels");
  const retried = typeof sp.retried === "string" ? Number(sp.retried) : null;
  return (
    <section className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t("lead", { region: env().PINTU_REGION })}</p>
      </div>
      {retried !== null && Number.isSafeInteger(retried) ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">
          {tc("retried", { n: retried })}
        </p>
      ) : null}
      <ChannelHealthPanel health={health} dead={{ sms: deadSms, email: deadEmail }} retry={can(staff.role, "integration.operate") ? retryChannelAction : undefined} back="sms-masuk" />
      {sp.done === "dismissed" ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">
          {t("dismissed")}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">{health.inbound.state === "ok" ? t("empty") : t("emptyNoGateway")}</p>
      ) : (
        <ClientMessages sections={["staff", "errors"]}>
          <ul className="space-y-4">
            {rows.map((m) => {
              return (
                <li key={m.id} id={`sms-${m.id}`} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
                  <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                    <p>
                      <span className="text-slate-600">{t("from")}: </span>
                      <span className="font-mono font-semibold">{m.sender}</span>
                      <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-amber-900">{t(`kind.${m.kind as "unparsed" | "invalid"}`)}</span>
                    </p>
                    <p className="text-slate-600">
                      {t("received")}: {when(m.receivedAt)}
                    </p>
                  </div>
                  <blockquote className="whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 text-slate-900 ring-1 ring-slate-200">{m.text}</blockquote>
                  <p className="text-sm text-slate-600">
                    {t("reply")}: <span className="italic">{m.reply}</span>
                  </p>
                  <SmsConvertForm id={m.id} title={titleFromText(m.text, 80)} body={m.text} />
                  <form action={dismissSms}>
                    <input type="hidden" name="id" value={m.id} />
                    <button type="submit" className="min-h-11 rounded-md border border-slate-400 px-4 py-2 hover:bg-slate-100">
                      {t("dismiss")}
                    </button>
                  </form>
                </li>
              );
            })}
          </ul>
        </ClientMessages>
      )}
      <Pager base="/petugas/sms-masuk" page={page} hasNext={rows.length === PAGE_SIZE} />
    </section>
  );
}
