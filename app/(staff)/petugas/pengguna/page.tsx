import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { ActiveForm, CreateAccountForm, ResetPasswordForm } from "@/components/staff/account-forms";
import { SigninFailures } from "@/components/staff/signin-failures";
import { getDb } from "@/server/db";
import { reference } from "@/server/reference";
import { repeatedFailures } from "@/server/signin-throttle";
import { requireStaff } from "@/server/staff";
import { AccountFilterForm, accountFilter } from "@/components/staff/account-filter";
import { ROLES } from "@/domain/complaint-status";
import { listStaffAccounts } from "@/server/users";

/** Administrator: staff accounts — create, reset a password, deactivate or reactivate. */
export default async function StaffAccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireStaff("admin.manage");
  const db = getDb();
  const sp = await searchParams;
  const ref = await reference(db);
  const filter = accountFilter(sp, ref.opds.map((o) => o.code));
  const filtered = Object.values(filter).some((v) => v !== undefined);
  const [t, tr, format, accounts, all, failures] = await Promise.all([
    getTranslations("staff.users"),
    getTranslations("staff.roles"),
    getFormatter(),
    listStaffAccounts(db, filter),
    filtered ? listStaffAccounts(db) : null,
    repeatedFailures(db, new Date()),
  ]);
  const total = all?.length ?? accounts.length;
  const done = sp.done === "activated" || sp.done === "deactivated" ? sp.done : null;
  const listClass = accounts.length === 0 ? "hidden" : "divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200";
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t("lead")}</p>
      </div>
      {done ? <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">{t(done)}</p> : null}

      <section aria-labelledby="new-account" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="new-account" className="text-lg font-semibold">{t("newTitle")}</h2>
        <ClientMessages sections={["staff"]}>
          <CreateAccountForm opds={ref.opds.filter((o) => o.active).map((o) => ({ code: o.code, name: o.name }))} />
        </ClientMessages>
      </section>

      <SigninFailures rows={failures} />

      <section aria-labelledby="accounts" className="space-y-3">
        <h2 id="accounts" className="text-lg font-semibold">{t("listTitle", { count: total })}</h2>
        <AccountFilterForm filter={filter} opds={ref.opds.map((o) => ({ code: o.code, name: o.name }))} roles={ROLES.map((r) => ({ value: r, label: tr(r) }))} />
        {filtered ? <p role="status" className="text-sm text-slate-700">{t("filter.shown", { shown: accounts.length, total })}</p> : null}
        {accounts.length === 0 ? <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">{t("filter.none")}</p> : null}
        {/* One set of messages for every row's reset and (de)activate forms. */}
        <ClientMessages sections={["staff"]}>
          <ul className={listClass}>
            {accounts.map((a) => (
              <li key={a.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between" aria-label={a.email}>
                <div className="space-y-1">
                  <p className="font-semibold">
                    {a.name} {a.active ? null : <span className="ml-2 rounded-full bg-slate-600 px-2 py-0.5 text-xs font-semibold text-white">{t("inactive")}</span>}
                  </p>
                  <p className="break-all text-sm text-slate-700">{a.email}</p>
                  <p className="text-sm text-slate-700">
                    {tr(a.role)}
                    {a.opdName ? ` · ${a.opdName}` : ""} · {t("since", { date: format.dateTime(a.createdAt, { dateStyle: "long" }) })}
                  </p>
                </div>
                <div className="flex flex-wrap items-start gap-2">
                  {a.id === admin.id ? (
                    <span className="text-sm text-slate-600">{t("yourself")}</span>
                  ) : (
                    <>
                      <ResetPasswordForm userId={a.id} label={t("resetFor", { email: a.email })} />
                      <ActiveForm userId={a.id} active={a.active} label={t(a.active ? "deactivate" : "activate")} ariaLabel={t(a.active ? "deactivateFor" : "activateFor", { email: a.email })} />
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </ClientMessages>
      </section>
    </div>
  );
}
