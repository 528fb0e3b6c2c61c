"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { formAction } from "@/lib/action";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { actionFromForm, actionInput } from "@/server/action-form";
import { clientAddress } from "@/server/client-address";
import { getDb } from "@/server/db";
import { loadPublicComplaint } from "@/server/public-complaint";
import { enforceRateLimit } from "@/server/rate-limit";
import { performAction } from "@/server/workflow/perform";

/**
 * The reporter's actions (reply, accept, object, rate): allowed only with the private access key.
 * A mistake comes back to the form that sent it, field by field, what was typed kept.
 */
export const runReporterAction = formAction({ authorise: async () => null, schema: z.looseObject({}), secret: ["key"] }, async (_fields, _actor, formData): Promise<null> => {
  const e = env();
  const code = normalizeTrackingCode(String(formData.get("code") ?? ""), e.PINTU_REGION);
  const key = String(formData.get("key") ?? "");
  const action = actionFromForm(formData);
  if (!code || !action) notFound();
  const db = getDb();
  const view = await loadPublicComplaint(db, code, e.PINTU_REGION, key);
  // Without the right key this complaint cannot be acted on; say nothing more than "not found".
  if (!view || view.keyValid !== true) notFound();
  try {
    await enforceRateLimit(db, `public-write:${clientAddress(await headers())}`, e.PUBLIC_RATE_LIMIT, new Date());
    await performAction(db, { trackingCode: code, action, party: { kind: "reporter", channel: "web" }, input: actionInput(formData), now: new Date() });
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
  redirect(`/lacak/${code}?key=${encodeURIComponent(key)}&done=1`);
});
