import "server-only";
import { can } from "@/domain/permissions";
import { requireStaff } from "@/server/staff";

/** The directory's readers (administrators and coordinators); only administrators may change it. */
export async function directoryAccess() {
  const staff = await requireStaff("directory.read");
  return { staff, editable: can(staff.role, "admin.manage") };
}

/** A positive integer id from a route segment, else null. */
export const routeId = (raw: string): number | null => (/^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null);
