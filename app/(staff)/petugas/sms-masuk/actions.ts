"use server";

import { notFound, redirect } from "next/navigation";
import { auditActor } from "@/server/audit";
import { retryChannelDead } from "@/server/channel-health";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { AppError, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";
import { convertInboxMessage, dismissInboxMessage } from "@/server/sms/inbox";
import { requireStaff } from "@/server/staff";

function messageId(formData: FormData): number {
  const id = Number(formData.get("id"));
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

/** Turns a kept SMS into a complaint; back to the inbox with the field's error when refused. */
export async function convertSms(formData: FormData): Promise<void> {
  const staff = await requireStaff("complaints.enter_on_behalf");
  const id = messageId(formData);
  let target: string;
  try {
    const { trackingCode } = await convertInboxMessage(getDb(), {
      id,
      title: String(formData.get("title") ?? ""),
      body: String(formData.get("body") ?? ""),
      actor: await auditActor(staff),
      region: env().PINTU_REGION,
      now: new Date(),
    });
    target = `/petugas/aduan/${trackingCode}?done=sms`;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    if (!(err instanceof ValidationError)) log.error("sms conversion failed", { err, smsId: id });
    const [field, keys] = err instanceof ValidationError ? (Object.entries(err.fieldErrors)[0] ?? ["_form", ["invalid"]]) : ["_form", ["unexpected"]];
    target = `/petugas/sms-masuk?error=${encodeURIComponent(keys[0] ?? "invalid")}&field=${encodeURIComponent(field)}&id=${id}#sms-${id}`;
  }
  redirect(target);
}

/** Puts the SMS or e-mail channel's dead letters (`id`, or all with `all=1`) back in the queue (audited). */
export async function retryChannelAction(formData: FormData): Promise<void> {
  const staff = await requireStaff("integration.operate");
  const channel = formData.get("channel") === "email" ? "email" : "sms";
  const ids = formData.getAll("id").map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  const n = await retryChannelDead(getDb(), { channel, ids: formData.get("all") === "1" ? "all" : ids, actor: await auditActor(staff), now: new Date() });
  const back = formData.get("back") === "integrasi" ? "/petugas/integrasi" : "/petugas/sms-masuk";
  redirect(`${back}?retried=${n}#channels-h`);
}

/** Sets a kept SMS aside. */
export async function dismissSms(formData: FormData): Promise<void> {
  const staff = await requireStaff("complaints.enter_on_behalf");
  const id = messageId(formData);
  try {
    await dismissInboxMessage(getDb(), { id, actor: await auditActor(staff), now: new Date() });
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
  redirect("/petugas/sms-masuk?done=dismissed");
}
