import { getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import type { repeatedFailures } from "@/server/signin-throttle";

type Row = Awaited<ReturnType<typeof repeatedFailures>>[number];

/** The admin's view of repeated failed password checks (sign-in and password change), last 24 hours. */
export async function SigninFailures({ rows }: { rows: Row[] }) {
  const t = await getTranslations("staff.users.failures");
  const { when } = await localTime();
  return (
    <section aria-labelledby="signin-failures" className="space-y-2">
      <h2 id="signin-failures" className="text-lg font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-700">{t("lead")}</p>
      {rows.length === 0 ? (
        <p className="rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="p-2">{t("email")}</th>
                <th scope="col" className="p-2 text-right">{t("count")}</th>
                <th scope="col" className="p-2 text-right">{t("addresses")}</th>
                <th scope="col" className="p-2">{t("last")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {rows.map((r) => (
                <tr key={r.email}>
                  <th scope="row" className="break-all p-2 font-medium">{r.email}</th>
                  <td className="p-2 text-right tabular-nums">{r.failures}</td>
                  <td className="p-2 text-right tabular-nums">{r.addresses}</td>
                  <td className="p-2">{r.last ? when(new Date(r.last)) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
