"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-link";

/** The confirmation: the tracking code and the private link, shown once. */
export function Receipt({ trackingCode, accessKey, origin }: { trackingCode: string; accessKey: string; origin: string }) {
  const t = useTranslations("receipt");
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  const [canCopy, setCanCopy] = useState(false);
  const path = `/lacak/${trackingCode}?key=${encodeURIComponent(accessKey)}`;
  useEffect(() => {
    setCanCopy(typeof navigator.clipboard?.writeText === "function");
    heading.current?.focus();
  }, []);
  const copy = async () => {
    await navigator.clipboard.writeText(`${origin}${path}`);
    setCopied(true);
  };
  return (
    <section aria-labelledby="receipt-title" className="space-y-5 rounded-lg bg-white p-5 shadow-sm ring-1 ring-green-700/30">
      <h2 id="receipt-title" ref={heading} tabIndex={-1} className="text-2xl font-bold text-green-800">
        {t("title")}
      </h2>
      <div>
        <p className="text-sm font-medium text-slate-600">{t("codeLabel")}</p>
        <p className="font-mono text-3xl font-bold tracking-wider" data-testid="tracking-code">
          {trackingCode}
        </p>
        <p className="text-sm text-slate-600">{t("codeHint")}</p>
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-600">{t("linkLabel")}</p>
        <p className="break-all rounded bg-slate-100 p-3 font-mono text-sm" data-testid="private-link">
          {origin}
          {path}
        </p>
        <p role="note" className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950">
          {t("warning")}
        </p>
      </div>
      <p>{t("next")}</p>
      <div className="flex flex-wrap gap-3">
        <a href={path} className={buttonClass("primary")}>
          {t("open")}
        </a>
        {canCopy ? (
          <button type="button" onClick={copy} className={buttonClass("secondary")}>
            {copied ? t("copied") : t("copy")}
          </button>
        ) : null}
        <a href="/lapor" className={buttonClass("secondary")}>
          {t("another")}
        </a>
      </div>
    </section>
  );
}
