"use client";

import { useTranslations } from "next-intl";
import { DB_UNAVAILABLE_DIGEST } from "@/db/errors";

/** Any page's failure; when the database was unreachable (a restart), "try again in a moment". */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  const busy = error.digest === DB_UNAVAILABLE_DIGEST;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-3xl font-bold text-brand-800">{t(busy ? "busyTitle" : "title")}</h1>
      <p>{t(busy ? "busyLead" : "lead")}</p>
      <button type="button" onClick={reset} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">
        {t("retry")}
      </button>
    </div>
  );
}
