"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/action";
import { markEnteredManually, resolveQuarantine, retryDeadLetters } from "@/server/lapor-ops";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { ImportFileError, importLaporExport } from "@/server/lapor-import";
import { deleteMapping, setMapping } from "@/server/lapor-mappings";
import { reconcile } from "@/server/lapor-reconcile";
import { laporReader } from "@/server/lapor-status";
import { invalidateReference } from "@/server/reference";
import { requireStaff } from "@/server/staff";

const BASE = "/petugas/integrasi";
/** Largest LAPOR export accepted: 10,000 complaints of a few hundred bytes each, with room. */
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Positive whole numbers posted under `name` (checkboxes, or one hidden field). */
function ids(formData: FormData, name = "id"): number[] {
  return formData
    .getAll(name)
    .map((v) => Number(v))
    .filter((n) => Number.isSafeInteger(n) && n > 0);
}

/** Puts one dead letter (`id`) or all of them (`all=1`) back in the queue. */
export async function retryDeadAction(formData: FormData): Promise<void> {
  const staff = await requireStaff("integration.operate");
  const all = formData.get("all") === "1";
  const n = await retryDeadLetters(getDb(), { ids: all ? "all" : ids(formData), actor: await auditActor(staff), now: new Date() });
  redirect(`${BASE}?done=retry&n=${n}#dead-h`);
}

/** Marks one quarantined payload as dealt with; one already resolved (by someone else) says so above the list. */
export const resolveQuarantineAction = formAction(
  { authorise: () => requireStaff("integration.operate"), schema: z.object({}) },
  async (_fields, staff, formData): Promise<null> => {
    const [id] = ids(formData);
    const ok = id ? await resolveQuarantine(getDb(), { id, actor: await auditActor(staff), now: new Date() }) : false;
    if (!ok) throw new ValidationError({ _form: ["alreadyResolved"] });
    redirect(`${BASE}?done=resolved#quarantine-h`);
  },
);

/** Runs a reconciliation against LAPOR now (bounded number of calls); the page shows the report, a refusal beside the button. */
export const reconcileAction = formAction({ authorise: () => requireStaff("integration.operate"), schema: z.object({}) }, async (_fields, staff): Promise<null> => {
  const reader = laporReader(getDb());
  if (!reader) throw new ValidationError({ _form: ["laporDisabled"] });
  await reconcile(getDb(), reader, { actor: await auditActor(staff), now: new Date() });
  redirect(`${BASE}?done=reconciled#reconcile-h`);
});

/**
 * Manual mode: the checked items were entered in LAPOR by hand; the worker must never send them.
 * A LAPOR tracking id typed beside a "create" item (`tracking-<id>`) is stored with it (and
 * marks that item even if its box was left unticked). A refused id comes back to the form.
 */
export const markEnteredAction = formAction(
  { authorise: () => requireStaff("integration.operate"), schema: z.looseObject({}) },
  async (_fields, staff, formData): Promise<null> => {
    const trackingIds: Record<number, string> = {};
    for (const [key, value] of formData.entries()) {
      const m = /^tracking-(\d+)$/.exec(key);
      if (m && typeof value === "string" && value.trim()) trackingIds[Number(m[1])] = value;
    }
    const chosen = ids(formData);
    if (chosen.length === 0 && Object.keys(trackingIds).length === 0) throw new ValidationError({ _form: ["nothingChosen"] });
    const { marked, skipped, inDelivery } = await markEnteredManually(getDb(), { ids: chosen, trackingIds, actor: await auditActor(staff), now: new Date() });
    redirect(`${BASE}/manual?done=marked&n=${marked.length}&skipped=${skipped.length}&busy=${inDelivery.length}`);
  },
);

/**
 * Manual mode: imports a LAPOR export file (CSV or JSON) and shows what it did. A file refused as
 * a whole (empty, too large, not UTF-8, not an export) is answered beside the file field.
 */
export const importAction = formAction({ authorise: () => requireStaff("integration.operate"), schema: z.object({}) }, async (_fields, staff, formData): Promise<null> => {
  const file = formData.get("file");
  const refuse = (reason: string) => new ValidationError({ file: [reason] });
  if (!(file instanceof File) || file.size === 0) throw refuse("empty");
  if (file.size > MAX_IMPORT_BYTES) throw refuse("tooLarge");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw refuse("notUtf8");
  }
  let auditId: number;
  try {
    auditId = (await importLaporExport(getDb(), { text, region: env().PINTU_REGION, actor: await auditActor(staff), now: new Date() })).auditId;
  } catch (err) {
    if (err instanceof ImportFileError) throw refuse(err.reason);
    throw err;
  }
  redirect(`${BASE}/manual?import=${auditId}#import-h`);
});

/**
 * Admin only: sets (or with `remove=1` removes) the LAPOR id of one category, area, OPD or
 * institution. A refused id comes back to the item's form (reason beside it, what was typed
 * kept), never in the URL; success goes back to the item.
 */
export const setMappingAction = formAction(
  {
    authorise: () => requireStaff("integration.mappings.edit"),
    schema: z.object({ kind: z.string().max(40), localCode: z.string().max(60), laporId: z.string().max(200).default(""), remove: z.string().optional() }),
  },
  async ({ kind, localCode, laporId, remove }, staff): Promise<null> => {
    if (remove === "1") await deleteMapping(getDb(), { kind, localCode, actor: await auditActor(staff), now: new Date() });
    else await setMapping(getDb(), { kind, localCode, laporId, actor: await auditActor(staff), now: new Date() });
    invalidateReference(getDb());
    const k = encodeURIComponent(kind);
    const c = encodeURIComponent(localCode);
    redirect(`${BASE}/pemetaan?done=saved&jenis=${k}#m-${k}-${c}`);
  },
);
