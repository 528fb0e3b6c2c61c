import "server-only";
import { notFound, redirect } from "next/navigation";
import { findStaffById } from "@/db/queries/users";
import type { Role } from "@/domain/complaint-status";
import { can, type Capability } from "@/domain/permissions";
import { auth } from "./auth";
import { getDb } from "./db";

export type Staff = NonNullable<Awaited<ReturnType<typeof findStaffById>>>;

/** The signed-in, active staff member, re-read from the database; null for anyone else. */
export async function currentStaff(): Promise<Staff | null> {
  const session = await auth();
  const uid = (session as { uid?: number } | null)?.uid;
  if (!uid) return null;
  const staff = await findStaffById(getDb(), uid);
  return staff?.active ? staff : null;
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
