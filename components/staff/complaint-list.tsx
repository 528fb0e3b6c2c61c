import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Previous/next links for a paged list (plain links: no JavaScript needed). */
export async function Pager({ base, page, hasNext }: { base: string; page: number; hasNext: boolean }) {
  const t = await getTranslations("staff.list");
  return (
    <nav aria-label={t("page", { page: page + 1 })} className="flex items-center justify-between text-sm">
      {page > 0 ? <Link href={`${base}?page=${page - 1}`} className="underline">{t("prev")}</Link> : <span />}
      <span className="text-slate-600">{t("page", { page: page + 1 })}</span>
      {hasNext ? <Link href={`${base}?page=${page + 1}`} className="underline">{t("next")}</Link> : <span />}
    </nav>
  );
}

/** Reads a `page` search parameter safely. */
export function pageParam(value: string | string[] | undefined): number {
  const n = Number(typeof value === "string" ? value : 0);
  return Number.isInteger(n) && n >= 0 && n < 10_000 ? n : 0;
}
