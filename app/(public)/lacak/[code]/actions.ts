"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { actionFromForm, actionInput, errorQuery } from "@/server/action-form";
import { clientAddress } from "@/server/client-address";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { loadPublicComplaint } from "@/server/public-complaint";
import { enforceRateLimit } from "@/server/rate-limit";
import { performAction } from "@/server/workflow/perform";

/** The reporter's actions (reply, accept, object, rate): allowed only with the private access key. */
export async function runReporterAction(formData: FormData): Promise<void> {
  const e = env();
  const code = normalizeTrackingCode(String(formData.get("code") ?? ""), e.PINTU_REGION);
  const key = String(formData.get("key") ?? "");
  const action = actionFromForm(formData);
  if (!code || !action) notFound();
  const db = getDb();
  const view = await loadPublicComplaint(db, code, e.PINTU_REGION, key);
  // Without the right key this complaint cannot be acted on; say nothing more than "not found".
  if (!view || view.keyValid !== true) notFound();
  const back = `/lacak/${code}?key=${encodeURIComponent(key)}`;
  let query: string;
  try {
    await enforceRateLimit(db, `public-write:${clientAddress(await headers())}`, e.PUBLIC_RATE_LIMIT, new Date());
    await performAction(db, { trackingCode: code, action, party: { kind: "reporter", channel: "web" }, input: actionInput(formData), now: new Date() });
    query = "&done=1";
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    query = `&${errorQuery(action, err).slice(1)}`;
  }
  redirect(`${back}${query}`);
}
