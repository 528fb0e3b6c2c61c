"use server";

import { redirect } from "next/navigation";
import type { ComplaintFormState } from "@/app/(public)/lapor/form-state";
import { OFFLINE_CHANNELS, type Channel } from "@/domain/complaint-status";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { intakeComplaint } from "@/server/intake";
import { log } from "@/lib/log";
import { setReceiptCookie } from "@/server/receipt";
import { requireStaff } from "@/server/staff";
import { splitFormData } from "@/server/submission";

/**
 * A coordinator records a complaint received off-line, through the same intake as the web form,
 * then gets the slip to print or text to the citizen (POST-redirect-GET, sealed cookie).
 */
export async function enterComplaint(_prev: ComplaintFormState, formData: FormData): Promise<ComplaintFormState> {
  const staff = await requireStaff("complaints.enter_on_behalf");
  const idempotencyKey = String(formData.get("idempotencyKey") ?? "").slice(0, 255) || undefined;
  const channel = String(formData.get("channel") ?? "");
  formData.delete("idempotencyKey");
  formData.delete("channel");
  const { raw, files } = await splitFormData(formData);
  const values = { ...Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)])), channel };
  if (!(OFFLINE_CHANNELS as readonly string[]).includes(channel)) {
    return { status: "error", fieldErrors: { channel: ["channel"] }, values, hadFiles: files.length > 0 };
  }
  let receipt: { trackingCode: string; accessKey: string };
  try {
    receipt = await intakeComplaint(getDb(), {
      raw,
      files,
      channel: channel as Channel,
      region: env().PINTU_REGION,
      now: new Date(),
      idempotencyKey,
      actor: await auditActor(staff),
    });
  } catch (err) {
    if (err instanceof ValidationError) return { status: "error", fieldErrors: err.fieldErrors, values, hadFiles: files.length > 0 };
    log.error("staff intake failed", { err });
    return { status: "error", fieldErrors: {}, values, hadFiles: files.length > 0, formError: { key: "unexpected" } };
  }
  await setReceiptCookie(receipt.trackingCode, receipt.accessKey, new Date(), "staff");
  redirect("/petugas/aduan/baru/slip");
}
