import { getTranslations } from "next-intl/server";

export async function SiteFooter({ regionCode }: { regionCode: string }) {
  const t = await getTranslations("footer");
  return (
    <footer className="mt-16 border-t border-slate-200 bg-white print:hidden">
      <div className="mx-auto max-w-5xl space-y-1 px-4 py-6 text-sm text-slate-600">
        <p>{t("about")}</p>
        <p>{t("sms", { prefix: regionCode })}</p>
      </div>
    </footer>
  );
}
