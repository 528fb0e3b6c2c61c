"use server";

import { notFound, redirect } from "next/navigation";
import { auditActor } from "@/server/audit";
import { retryChannelDead } from "@/server/channel-health";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { z } from "zod";
import { formAction } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { convertInboxMessage, dismissInboxMessage } from "@/server/sms/inbox";
import { requireStaff } from "@/server/staff";

function messageId(formData: FormData): number {
  const id = Number(formData.get("id"));
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

/**
 * Turns a kept SMS into a complaint. A refusal comes back to the SMS's own form, each problem
 * beside its field and what was typed kept; a message already handled is not found.
 */
export const convertSms = formAction(
  { authorise: () => requireStaff("complaints.enter_on_behalf"), schema: z.object({ title: z.string().default(""), body: z.string().default("") }) },
  async ({ title, body }, staff, formData): Promise<null> => {
    const id = messageId(formData);
    let trackingCode: string;
    try {
      ({ trackingCode } = await convertInboxMessage(getDb(), { id, title, body, actor: await auditActor(staff), region: env().PINTU_REGION, now: new Date() }));
    } catch (err) {
      if (err instanceof AppError && err.status === 404) notFound();
      throw err;
    }
    redirect(`/petugas/aduan/${trackingCode}?done=sms`);
  },
);

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
