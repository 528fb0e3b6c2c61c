"use server";

import { redirect } from "next/navigation";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { auditActor } from "@/server/audit";
import { BULK_MAX, bulkAction, type BulkKind } from "@/server/bulk";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { reference } from "@/server/reference";
import { requireStaff } from "@/server/staff";

const BASE = "/petugas/antrean";

/**
 * The queue's bulk form (works without JavaScript): dispose the ticked complaints to one OPD or
 * archive them as spam, each through the workflow on its own; back to the same filtered page
 * with what happened to each.
 */
export async function bulkQueueAction(formData: FormData): Promise<void> {
  const staff = await requireStaff("queue.coordinator", ["coordinator"]);
  const backRaw = String(formData.get("back") ?? "");
  // Only back to the queue itself (never a URL from the form that leads elsewhere).
  const back = backRaw.startsWith(`${BASE}?`) || backRaw === BASE ? backRaw : BASE;
  const sep = back.includes("?") ? "&" : "?";
  const kind: BulkKind | null = formData.get("bulk") === "dispose" ? "dispose" : formData.get("bulk") === "spam" ? "spam" : null;
  const region = env().PINTU_REGION;
  const codes = formData
    .getAll("code")
    .map((c) => normalizeTrackingCode(String(c), region))
    .filter((c): c is string => c !== null);
  if (!kind) redirect(back);
  if (codes.length === 0) redirect(`${back}${sep}bulkError=none`);
  if (codes.length > BULK_MAX) redirect(`${back}${sep}bulkError=tooMany`);
  let opdCode: string | null = null;
  if (kind === "dispose") {
    const wanted = String(formData.get("opdCode") ?? "").toUpperCase();
    opdCode = (await reference(getDb())).opds.find((o) => o.code.toUpperCase() === wanted)?.code ?? null;
    if (!opdCode) redirect(`${back}${sep}bulkError=noOpd`);
  }
  const result = await bulkAction(getDb(), staff, kind, codes, opdCode, new Date(), (await auditActor(staff)).address);
  const q = new URLSearchParams({ bulk: kind, bulkOk: String(result.done.length) });
  if (opdCode) q.set("bulkOpd", opdCode);
  for (const f of result.failed) q.append("bulkFail", [f.code, f.reason, f.status ?? ""].join(":"));
  redirect(`${back}${sep}${q.toString()}`);
}
