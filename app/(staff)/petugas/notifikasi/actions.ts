"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { markAllRead, markRead } from "@/db/queries/notifications";
import { getDb } from "@/server/db";
import { requireStaff } from "@/server/staff";

/** Marks one of the signed-in staff member's notifications read (only one they may see). */
export async function markNotificationRead(formData: FormData): Promise<void> {
  const staff = await requireStaff();
  const id = Number(formData.get("id"));
  if (Number.isSafeInteger(id) && id > 0) await markRead(getDb(), staff, id);
  revalidatePath("/petugas", "layout");
  redirect("/petugas/notifikasi");
}

/** Marks every notification the signed-in staff member may see as read. */
export async function markAllNotificationsRead(): Promise<void> {
  const staff = await requireStaff();
  await markAllRead(getDb(), staff);
  revalidatePath("/petugas", "layout");
  redirect("/petugas/notifikasi");
}
