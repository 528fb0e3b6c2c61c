import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { ComplaintForm } from "@/components/complaint-form/complaint-form";
import { LaporIsland } from "@/components/complaint-form/lapor-island";
import { localDate } from "@/domain/working-days";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { publicOrigin } from "@/server/public-origin";
import { reference } from "@/server/reference";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("form");
  return { title: t("title") };
}

export default async function LaporPage() {
  const t = await getTranslations("form");
  const ref = await reference(getDb());
  const origin = publicOrigin(await headers(), env());
  const today = localDate(new Date(), ref.calendar.timeZone);
  const options = {
    categories: ref.categories.map((c) => ({ code: c.code, name: c.name })),
    areas: ref.areas.map((k) => ({ name: k.name, kelurahan: k.kelurahan.map((l) => l.name) })),
  };
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t("lead")}</p>
      </div>
      {/* A fresh key per page view: a double submit of this form creates one complaint. */}
      <ClientMessages sections={["form", "errors", "receipt"]}>
        <ComplaintForm options={options} today={today} idempotencyKey={randomUUID()} origin={origin} />
      </ClientMessages>
      <LaporIsland today={today} />
    </div>
  );
}
