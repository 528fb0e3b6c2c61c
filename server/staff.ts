import "server-only";
import { notFound, redirect } from "next/navigation";
import { findStaffById } from "@/db/queries/users";
import type { Role } from "@/domain/complaint-status";
import { can, type Capability } from "@/domain/permissions";
import { auth } from "./auth";
import { getDb } from "./db";

export type Staff = NonNullable<Awaited<ReturnType<typeof findStaffById>>>;

/**
 * The signed-in, active staff member, re-read from the database; null for anyone else —
 * including a session issued before the account's password was reset or changed.
 */
export async function currentStaff(): Promise<Staff | null> {
  const session = (await auth()) as { uid?: number; epoch?: number } | null;
  if (!session?.uid) return null;
  const staff = await findStaffById(getDb(), session.uid);
  return staff?.active && staff.sessionEpoch === (session.epoch ?? 0) ? staff : null;
}

/**
 * Guards a staff page or action: no session → sign-in page; a role without the capability →
 * 404, so a page's existence is not confirmed to people who may not use it.
 */
export async function requireStaff(capability?: Capability, roles?: readonly Role[]): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect("/masuk");
  if (capability && !can(staff.role, capability)) notFound();
  if (roles && !roles.includes(staff.role)) notFound();
  return staff;
}
