"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { clientAddress } from "@/server/client-address";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { privatePath } from "@/server/reporter-keys";
import { finishRecovery, startRecovery } from "@/server/reporter-recovery";

function codeOf(formData: FormData): string {
  const code = normalizeTrackingCode(String(formData.get("code") ?? ""), env().PINTU_REGION);
  if (!code) redirect("/lacak");
  return code;
}

/** "Saya pelapor aduan ini", step 1: the contact they gave. The same answer whether it matches or not. */
export async function requestRecoveryCode(formData: FormData): Promise<void> {
  const code = codeOf(formData);
  const here = `/lacak/${code}/pelapor`;
  let target: string;
  try {
    const r = await startRecovery(getDb(), {
      trackingCode: code,
      contact: String(formData.get("contact") ?? ""),
      address: clientAddress(await headers()),
      now: new Date(),
    });
    if (!r.ok && r.error === "unknown") redirect(`/lacak?code=${encodeURIComponent(code)}`);
    target = r.ok ? `${here}?c=${r.challengeId}&ch=${r.channel}` : `${here}?e=${r.error}`;
  } catch (err) {
    if (!(err instanceof AppError && err.status === 429)) throw err;
    target = `${here}?e=rateLimited&m=${Math.ceil(Number(err.extra.retryAfter) / 60)}`;
  }
  redirect(target);
}

/** Step 2: the 6-digit code; on success a new private link, the old ones still valid. */
export async function verifyRecoveryCode(formData: FormData): Promise<void> {
  const code = codeOf(formData);
  const challengeId = String(formData.get("challenge") ?? "").slice(0, 64);
  const channel = formData.get("channel") === "email" ? "email" : "sms";
  const r = await finishRecovery(getDb(), { trackingCode: code, challengeId, code: String(formData.get("otp") ?? ""), now: new Date() });
  if (r.ok) redirect(`${privatePath(code, r.key)}&baru=1`);
  const left = r.error === "wrongCode" ? `&left=${r.left}` : "";
  redirect(`/lacak/${code}/pelapor?c=${encodeURIComponent(challengeId)}&ch=${channel}&e=${r.error}${left}`);
}
