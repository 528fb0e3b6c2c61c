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

export async function resolveQuarantineAction(formData: FormData): Promise<void> {
  const staff = await requireStaff("integration.operate");
  const [id] = ids(formData);
  const ok = id ? await resolveQuarantine(getDb(), { id, actor: await auditActor(staff), now: new Date() }) : false;
  redirect(ok ? `${BASE}?done=resolved#quarantine-h` : `${BASE}?error=alreadyResolved#quarantine-h`);
}

/** Runs a reconciliation against LAPOR now (bounded number of calls); the page shows the report. */
export async function reconcileAction(): Promise<void> {
  const staff = await requireStaff("integration.operate");
  const reader = laporReader(getDb());
  if (!reader) redirect(`${BASE}?error=laporDisabled#reconcile-h`);
  await reconcile(getDb(), reader, { actor: await auditActor(staff), now: new Date() });
  redirect(`${BASE}?done=reconciled#reconcile-h`);
}

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

/** Manual mode: imports a LAPOR export file (CSV or JSON) and shows what it did. */
export async function importAction(formData: FormData): Promise<void> {
  const staff = await requireStaff("integration.operate");
  const file = formData.get("file");
  let target: string;
  if (!(file instanceof File) || file.size === 0) target = `${BASE}/manual?error=empty#import-h`;
  else if (file.size > MAX_IMPORT_BYTES) target = `${BASE}/manual?error=tooLarge#import-h`;
  else {
    let text: string | null = null;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      target = `${BASE}/manual?error=notUtf8#import-h`;
    }
    if (text !== null) {
      try {
        const report = await importLaporExport(getDb(), { text, region: env().PINTU_REGION, actor: await auditActor(staff), now: new Date() });
        target = `${BASE}/manual?import=${report.auditId}#import-h`;
      } catch (err) {
        if (!(err instanceof ImportFileError)) throw err;
        target = `${BASE}/manual?error=${err.reason}#import-h`;
      }
    }
  }
  redirect(target!);
}

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
