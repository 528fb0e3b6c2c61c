"use server";

import { eq } from "drizzle-orm";
import { notFound, redirect } from "next/navigation";
import { auditLog, complaints } from "@/db/schema";
import { canSeeComplaint, can } from "@/domain/permissions";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { actionFromForm, actionInput, errorQuery } from "@/server/action-form";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { requireStaff } from "@/server/staff";
import { performAction } from "@/server/workflow/perform";

function codeFrom(formData: FormData): string {
  const code = normalizeTrackingCode(String(formData.get("code") ?? ""), env().PINTU_REGION);
  if (!code) notFound();
  return code;
}

/** Every staff workflow action posts here; the workflow table and scope are enforced inside. */
export async function runStaffAction(formData: FormData): Promise<void> {
  const staff = await requireStaff();
  const code = codeFrom(formData);
  const action = actionFromForm(formData);
  if (!action) notFound();
  const back = `/petugas/aduan/${code}`;
  let query: string;
  try {
    await performAction(getDb(), {
      trackingCode: code,
      action,
      party: { kind: "staff", userId: staff.id, role: staff.role, opdId: staff.opdId },
      input: actionInput(formData),
      now: new Date(),
    });
    query = `?done=${action}`;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    query = errorQuery(action, err);
  }
  // After handing a complaint away an OPD officer can no longer see it: back to the inbox.
  const [c] = await getDb().select({ opdId: complaints.opdId }).from(complaints).where(eq(complaints.trackingCode, code));
  redirect(c && canSeeComplaint(staff, c.opdId) ? `${back}${query}` : `/petugas${query}`);
}

/** Shows an anonymous reporter's identity to a coordinator or admin, writing the audit entry first. */
export async function revealIdentity(formData: FormData): Promise<void> {
  const staff = await requireStaff("identity.reveal");
  const code = codeFrom(formData);
  const db = getDb();
  const [c] = await db.select({ id: complaints.id, anonymous: complaints.anonymous }).from(complaints).where(eq(complaints.trackingCode, code));
  if (!c || !can(staff.role, "complaints.read_all")) notFound();
  const [entry] = await db
    .insert(auditLog)
    .values({ userId: staff.id, action: "reveal_identity", complaintId: c.id, data: { role: staff.role } })
    .returning({ id: auditLog.id });
  redirect(`/petugas/aduan/${code}?reveal=${entry!.id}`);
}
