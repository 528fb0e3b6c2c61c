import { getTranslations } from "next-intl/server";
import { revealIdentity } from "@/app/(staff)/petugas/aduan/[code]/actions";

type Reporter = { reporterName: string | null; reporterPhone: string | null; reporterEmail: string | null; reporterNik: string | null };

/**
 * The reporter's identity as this staff member may see it. For an anonymous reporter nothing
 * identifying is rendered unless a coordinator asked to reveal it (and that was audited).
 */
export async function ReporterIdentity({
  code,
  visibility,
  revealed,
  reporter,
}: {
  code: string;
  visibility: "visible" | "reveal_on_request" | "hidden";
  revealed: boolean;
  reporter: Reporter;
}) {
  const t = await getTranslations("staff");
  const show = visibility === "visible" || (visibility === "reveal_on_request" && revealed);
  const rows: [string, string | null][] = [
    [t("identity.name"), reporter.reporterName],
    [t("identity.phone"), reporter.reporterPhone],
    [t("identity.email"), reporter.reporterEmail],
    [t("identity.nik"), reporter.reporterNik],
  ];
  return (
    <section aria-labelledby="rep-h" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <h2 id="rep-h" className="text-lg font-semibold">{t("detail.reporter")}</h2>
      {show ? (
        rows.some(([, v]) => v) ? (
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            {rows.map(([k, v]) => (
              <div key={k}>
                <dt className="text-slate-600">{k}</dt>
                <dd className="font-medium">{v ?? "—"}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-sm text-slate-600">{t("identity.none")}</p>
        )
      ) : (
        <p className="text-sm">{t("identity.hidden")}</p>
      )}
      {visibility === "reveal_on_request" && !revealed ? (
        <form action={revealIdentity} className="space-y-1">
          <input type="hidden" name="code" value={code} />
          <button type="submit" className="rounded-md border border-brand-700 px-3 py-1.5 text-sm font-semibold text-brand-700 hover:bg-brand-50">
            {t("identity.reveal")}
          </button>
          <p className="text-xs text-slate-600">{t("identity.revealNote")}</p>
        </form>
      ) : null}
    </section>
  );
}
