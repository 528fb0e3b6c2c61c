import { headers } from "next/headers";
import { randomUUID } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { ComplaintForm } from "@/components/complaint-form/complaint-form";
import { localDate } from "@/domain/working-days";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { publicOrigin } from "@/server/public-origin";
import { reference } from "@/server/reference";
import { requireStaff } from "@/server/staff";
import { OFFLINE_CHANNELS } from "@/domain/complaint-status";
import { enterComplaint } from "./actions";

export default async function EnterComplaintPage() {
  await requireStaff("complaints.enter_on_behalf");
  const t = await getTranslations("staff.enter");
  const tc = await getTranslations("channel");
  const ref = await reference(getDb());
  const origin = publicOrigin(await headers(), env());
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t("lead")}</p>
      </div>
      {/* The citizen's form, worded for the officer filling it in on the citizen's behalf. */}
      <ClientMessages sections={["form", "errors", "receipt"]} overrides={{ form: "formStaff", receipt: "receiptStaff" }}>
        <ComplaintForm
        options={{
          categories: ref.categories.map((c) => ({ code: c.code, name: c.name })),
          areas: ref.areas.map((k) => ({ name: k.name, kelurahan: k.kelurahan.map((l) => l.name) })),
        }}
        today={localDate(new Date(), ref.calendar.timeZone)}
        idempotencyKey={randomUUID()}
        origin={origin}
        submit={enterComplaint}
        channels={OFFLINE_CHANNELS.map((c) => ({ value: c, label: tc(c) }))}
      />
      </ClientMessages>
    </div>
  );
}
