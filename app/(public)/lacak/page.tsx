import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TrackForm } from "@/components/track-form";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { findComplaintByCode } from "@/db/queries/complaints";
import { getDb } from "@/server/db";
import { region } from "@/server/region";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("track");
  return { title: t("title") };
}

/** Look-up by code: a GET form, so it works without JavaScript and can be bookmarked. */
export default async function TrackPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const t = await getTranslations("track");
  const r = region();
  const raw = (await searchParams).code;
  const typed = typeof raw === "string" ? raw.slice(0, 40) : undefined;
  let error: string | undefined;
  if (typed !== undefined) {
    // The region prefix may be left out ("7k3q9mzd"), in any case.
    const code = normalizeTrackingCode(typed, r.code) ?? normalizeTrackingCode(`${r.code}${typed}`, r.code);
    if (!code) error = t("invalidCode", { example: `${r.code}-7K3Q9MZD` });
    else if (await findComplaintByCode(getDb(), code)) redirect(`/lacak/${code}`);
    else error = t("notFound", { code });
  }
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t("lead")}</p>
      </div>
      <TrackForm defaultValue={typed} errorId={error ? "track-error" : undefined} />
      {error ? (
        <p id="track-error" role="alert" className="rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      ) : null}
    </div>
  );
}
