"use server";

import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { users } from "@/db/schema";
import { getDb } from "@/server/db";
import { hashPassword, verifyPassword } from "@/server/passwords";
import { requireStaff } from "@/server/staff";

const MIN_PASSWORD = 10;

/** Changes the signed-in staff member's own password after checking the current one. */
export async function changePassword(formData: FormData): Promise<void> {
  const staff = await requireStaff();
  const current = String(formData.get("current") ?? "");
  const next = String(formData.get("next") ?? "");
  const confirm = String(formData.get("confirm") ?? "");
  const db = getDb();
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, staff.id));
  if (!(await verifyPassword(row?.passwordHash ?? null, current))) redirect("/petugas/akun?error=wrong");
  if (next.length < MIN_PASSWORD || next.length > 1024) redirect("/petugas/akun?error=weak");
  if (next !== confirm) redirect("/petugas/akun?error=mismatch");
  await db.update(users).set({ passwordHash: await hashPassword(next) }).where(eq(users.id, staff.id));
  redirect("/petugas/akun?done=1");
}
