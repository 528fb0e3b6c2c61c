import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { CreateOpen311KeyForm, UpdateOpen311KeyForm } from "@/components/staff/open311-key-form";
import { getDb } from "@/server/db";
import { DEFAULT_OPEN311_RATE, listOpen311Clients } from "@/server/open311/keys";
import { requireStaff } from "@/server/staff";
import { revokeKeyAction } from "./actions";

/** Administrator: Open311 clients and their API keys — create (shown once), rename, rate-limit, revoke. */
export default async function Open311KeysPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  await requireStaff("admin.manage");
  const [t, format, clients, sp] = await Promise.all([getTranslations("staff.open311"), getFormatter(), listOpen311Clients(getDb()), searchParams]);
  const done = sp.done === "updated" || sp.done === "revoked" ? sp.done : null;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t("lead")}</p>
        <p className="text-sm text-slate-700">{t("endpoint")} <code className="break-all rounded bg-slate-100 px-1">/open311/v2/discovery.json</code></p>
      </div>
      {done ? <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">{t(done)}</p> : null}

      <section aria-labelledby="new-key" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="new-key" className="text-lg font-semibold">{t("newTitle")}</h2>
        <ClientMessages sections={["staff"]}>
            <CreateOpen311KeyForm defaultRate={DEFAULT_OPEN311_RATE} />
        </ClientMessages>
      </section>

      <section aria-labelledby="keys" className="space-y-3">
        <h2 id="keys" className="text-lg font-semibold">{t("listTitle", { count: clients.length })}</h2>
        {clients.length === 0 ? <p className="text-slate-700">{t("empty")}</p> : null}
        <ClientMessages sections={["staff"]}>
        <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {clients.map((c) => (
            <li key={c.id} className="space-y-3 p-4" aria-label={c.name}>
              <div className="space-y-1">
                <p className="font-semibold">
                  {c.name}{" "}
                  {c.revokedAt ? <span className="ml-2 rounded-full bg-slate-600 px-2 py-0.5 text-xs font-semibold text-white">{t("revokedBadge")}</span> : null}
                </p>
                <p className="text-sm text-slate-700">
                  {t("hint")} <code className="rounded bg-slate-100 px-1">{c.keyHint}…</code> · {t("rate", { rate: c.rateLimit })} · {t("filed", { count: c.filed })}
                </p>
                <p className="text-sm text-slate-700">
                  {t("since", { date: format.dateTime(c.createdAt, { dateStyle: "medium" }) })}
                  {c.revokedAt ? ` · ${t("revokedOn", { date: format.dateTime(c.revokedAt, { dateStyle: "medium", timeStyle: "short" }) })}` : ""}
                </p>
              </div>
              {c.revokedAt ? null : (
                <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
                  <UpdateOpen311KeyForm id={c.id} name={c.name} rateLimit={c.rateLimit} />
                  <form action={revokeKeyAction} className="sm:mt-7">
                    <input type="hidden" name="clientId" value={c.id} />
                    <button type="submit" aria-label={t("revokeFor", { name: c.name })} className="min-h-11 rounded border border-red-700 px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-50">
                      {t("revoke")}
                    </button>
                  </form>
                </div>
              )}
            </li>
          ))}
        </ul>
        </ClientMessages>
      </section>
    </div>
  );
}
