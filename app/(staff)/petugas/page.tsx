import { redirect } from "next/navigation";
import { can } from "@/domain/permissions";
import { requireStaff } from "@/server/staff";

/** Each role lands on its own workspace. */
export default async function StaffHome() {
  const staff = await requireStaff();
  if (can(staff.role, "queue.coordinator")) redirect("/petugas/antrean");
  if (can(staff.role, "inbox.opd")) redirect("/petugas/kotak-masuk");
  if (can(staff.role, "audit.read")) redirect("/petugas/audit");
  redirect("/petugas/akun");
}
