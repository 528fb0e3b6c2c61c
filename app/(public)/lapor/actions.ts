"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { photoPosition } from "@/server/attachment-images";
import { clientAddress } from "@/server/client-address";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { AppError, ValidationError } from "@/lib/errors";
import { intakeComplaint } from "@/server/intake";
import { log } from "@/lib/log";
import { enforceRateLimit } from "@/server/rate-limit";
import { setReceiptCookie } from "@/server/receipt";
import { splitFormData } from "@/server/submission";
import type { ComplaintFormState } from "./form-state";

/**
 * The /lapor form's action: the same intake as the JSON API, channel `web`; then
 * POST-redirect-GET to the receipt, which a sealed short-lived cookie lets this browser reload.
 */
export async function submitComplaint(_prev: ComplaintFormState, formData: FormData): Promise<ComplaintFormState> {
  const e = env();
  const db = getDb();
  const now = new Date();
  const idempotencyKey = String(formData.get("idempotencyKey") ?? "").slice(0, 255) || undefined;
  formData.delete("idempotencyKey");
  let values: Record<string, string> = {};
  let hadFiles = false;
  let receipt: { trackingCode: string; accessKey: string };
  try {
    const { raw, files } = await splitFormData(formData);
    values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
    // Only when the reporter ticked it: the point their photo recorded (EXIF GPS) when they gave none.
    if (raw.photoLocation === "true" && !String(raw.lat ?? "").trim() && !String(raw.lon ?? "").trim()) {
      const p = await photoPosition(files);
      if (p) Object.assign(raw, { lat: p.lat.toFixed(6), lon: p.lon.toFixed(6) });
    }
    delete raw.photoLocation;
    hadFiles = files.length > 0;
    await enforceRateLimit(db, `public-write:${clientAddress(await headers())}`, e.PUBLIC_RATE_LIMIT, now);
    receipt = await intakeComplaint(db, { raw, files, channel: "web", region: e.PINTU_REGION, now, idempotencyKey, sendLink: true });
  } catch (err) {
    if (err instanceof ValidationError) return { status: "error", fieldErrors: err.fieldErrors, values, hadFiles };
    if (err instanceof AppError && err.status === 429) {
      return { status: "error", fieldErrors: {}, values, hadFiles, formError: { key: "rateLimited", values: { seconds: Number(err.extra.retryAfter) } } };
    }
    if (err instanceof AppError && err.status === 409) {
      return { status: "error", fieldErrors: {}, values, hadFiles, formError: { key: "alreadySent" } };
    }
    log.error("complaint form: submission failed", { err });
    return { status: "error", fieldErrors: {}, values, hadFiles, formError: { key: "unexpected" } };
  }
  await setReceiptCookie(receipt.trackingCode, receipt.accessKey, now);
  redirect("/lapor/terkirim");
}
