"use client";

import { useTranslations } from "next-intl";

export default function ErrorPage({ reset }: { reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p>{t("lead")}</p>
      <button type="button" onClick={reset} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">
        {t("retry")}
      </button>
    </div>
  );
}
