"use server";

import { and, eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { retryDeadLetters } from "@/server/lapor-ops";
import { writeAudit } from "@/db/queries/audit";
import { countTemplateUse } from "@/db/queries/templates";
import { complaints, outbox } from "@/db/schema";
import { canSeeComplaint, can } from "@/domain/permissions";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { NEXT_COOKIE, nextInQueue } from "@/server/action-feedback";
import { actionFromForm, actionInput } from "@/server/action-form";
import { filesFromForm } from "@/server/attachment-images";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { formAction } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { requireStaff } from "@/server/staff";
import { performAction } from "@/server/workflow/perform";

function codeFrom(formData: FormData): string {
  const code = normalizeTrackingCode(String(formData.get("code") ?? ""), env().PINTU_REGION);
  if (!code) notFound();
  return code;
}

/**
 * Every staff workflow action posts here (a `useActionState` form per action); the workflow
 * table and scope are enforced inside. A mistake comes back to the form that sent it (every
 * field's problem beside it, values kept). Afterwards: back to the complaint with
 * `done=<action>` (the page words the feedback from the action's event); a coordinator who
 * ticked "next" goes on to the next complaint in the queue; an OPD member who handed the
 * complaint back lands in their inbox, told which and why.
 */
export const runStaffAction = formAction({ authorise: () => requireStaff(), schema: z.looseObject({}) }, async (_fields, staff, formData): Promise<null> => {
  const code = codeFrom(formData);
  const action = actionFromForm(formData);
  if (!action) notFound();
  const wantsNext = formData.get("lanjut") === "1";
  if (formData.has("lanjutPilihan")) {
    const jar = await cookies();
    if (wantsNext) jar.set(NEXT_COOKIE, "1", { path: "/petugas", httpOnly: true, sameSite: "lax", maxAge: 365 * 86_400 });
    else jar.delete({ name: NEXT_COOKIE, path: "/petugas" });
  }
  try {
    const files = await filesFromForm(formData);
    await performAction(getDb(), {
      trackingCode: code,
      action,
      party: { kind: "staff", userId: staff.id, role: staff.role, opdId: staff.opdId, address: (await auditActor(staff)).address },
      input: actionInput(formData),
      now: new Date(),
      files: { files, public: formData.get("attachmentsPublic") === "1" },
    });
  } catch (err) {
    // Not visible to this person (or gone): "not found", whatever the form held.
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
  const templateId = Number(formData.get("templateId"));
  if ((action === "respond" || action === "request_info") && Number.isSafeInteger(templateId) && templateId > 0) await countTemplateUse(getDb(), templateId, new Date());
  if (wantsNext && can(staff.role, "queue.coordinator")) {
    const next = await nextInQueue(getDb(), code);
    if (next) redirect(`/petugas/aduan/${next}?dari=${code}&done=${action}`);
    redirect(`/petugas/antrean?dari=${code}&done=${action}`);
  }
  // After handing a complaint away an OPD officer can no longer see it: to the inbox, told which.
  const [c] = await getDb().select({ opdId: complaints.opdId }).from(complaints).where(eq(complaints.trackingCode, code));
  if (c && canSeeComplaint(staff, c.opdId)) redirect(`/petugas/aduan/${code}?done=${action}`);
  redirect(action === "return" ? `/petugas/kotak-masuk?dikembalikan=${code}` : `/petugas?done=${action}`);
});

/** Shows an anonymous reporter's identity to a coordinator or admin, writing the audit entry first. */
export async function revealIdentity(formData: FormData): Promise<void> {
  const staff = await requireStaff("identity.reveal");
  const code = codeFrom(formData);
  const db = getDb();
  const [c] = await db.select({ id: complaints.id, anonymous: complaints.anonymous }).from(complaints).where(eq(complaints.trackingCode, code));
  if (!c || !can(staff.role, "complaints.read_all")) notFound();
  const entry = await writeAudit(db, { actor: await auditActor(staff), action: "reveal_identity", complaintId: c.id, target: { kind: "complaint", id: code }, data: { role: staff.role } });
  redirect(`/petugas/aduan/${code}?reveal=${entry}`);
}

/** Puts one failed LAPOR delivery of this complaint back in the queue (the integration page's retry, audited), then back to the complaint. */
export async function retryLaporDelivery(formData: FormData): Promise<void> {
  const staff = await requireStaff("integration.operate");
  const code = codeFrom(formData);
  const id = Number(formData.get("id"));
  const db = getDb();
  const [c] = await db.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingCode, code));
  if (!c || !Number.isSafeInteger(id) || id <= 0) notFound();
  const [item] = await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.id, id), eq(outbox.complaintId, c.id)));
  const n = item ? await retryDeadLetters(db, { ids: [item.id], actor: await auditActor(staff), now: new Date() }) : 0;
  redirect(`/petugas/aduan/${code}?${n > 0 ? "retried=1" : "retried=0"}#lapor-sync-h`);
}
