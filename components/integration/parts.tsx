import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The integration area's own navigation: overview, manual mode, mappings. */
export async function IntegrationNav({ current }: { current: "overview" | "manual" | "mappings" }) {
  const t = await getTranslations("staff.integration");
  const items = [
    ["overview", "/petugas/integrasi", t("nav.overview")],
    ["manual", "/petugas/integrasi/manual", t("nav.manual")],
    ["mappings", "/petugas/integrasi/pemetaan", t("nav.mappings")],
  ] as const;
  return (
    <nav aria-label={t("nav.label")}>
      <ul className="flex flex-wrap gap-2 text-sm font-medium">
        {items.map(([key, href, label]) => (
          <li key={key}>
            <Link
              href={href}
              aria-current={key === current ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded-md px-3 ${key === current ? "bg-brand-700 text-white" : "bg-white text-brand-700 ring-1 ring-slate-300 hover:bg-brand-50"}`}
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The outcome of the last action, read from the query string (catalogue keys only, never user data). */
export function Flash({ ok, error }: { ok?: string | null; error?: string | null }) {
  if (error) {
    return (
      <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 font-medium text-red-800">
        {error}
      </p>
    );
  }
  if (ok) {
    return (
      <p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 font-medium text-green-800">
        {ok}
      </p>
    );
  }
  return null;
}

export { primarySmallButton, smallButton } from "@/components/ui/buttons";

/** First value of a search parameter. */
export const param = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;
