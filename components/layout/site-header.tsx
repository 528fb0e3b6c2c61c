import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/app/actions/locale";
import { LOCALES } from "@/i18n/config";

export async function SiteHeader({ regionName }: { regionName: string }) {
  const t = await getTranslations("nav");
  const tl = await getTranslations("lang");
  const locale = await getLocale();
  const links = [
    { href: "/lapor", label: t("report") },
    { href: "/lacak", label: t("track") },
    { href: "/aduan", label: t("public") },
    { href: "/statistik", label: t("stats") },
  ];
  return (
    <header className="border-b border-brand-800 bg-brand-700 text-white print:hidden">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-800">
        {t("skip")}
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-baseline gap-2 no-underline">
          <span className="text-xl font-bold tracking-tight">{t("brand")}</span>
          <span className="text-sm text-brand-100">{t("tagline", { region: regionName })}</span>
        </Link>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <nav aria-label={t("main")}>
            <ul className="flex gap-4 text-sm font-medium">
              {links.map((l) => (
                <li key={l.href}>
                  <Link href={l.href} className="underline-offset-4 hover:underline">
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <form action={setLocale} className="flex items-center gap-1 text-sm">
            <span className="sr-only">{t("language")}</span>
            {LOCALES.map((l) => (
              <button
                key={l}
                type="submit"
                name="locale"
                value={l}
                lang={l}
                aria-pressed={l === locale}
                title={tl(l)}
                className="rounded px-2 py-1 uppercase aria-pressed:bg-white aria-pressed:font-semibold aria-pressed:text-brand-800 hover:bg-brand-600"
              >
                {l}
              </button>
            ))}
          </form>
        </div>
      </div>
    </header>
  );
}
