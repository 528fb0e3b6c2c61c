import "server-only";
import { headers } from "next/headers";
import type { AuditActor } from "@/db/queries/audit";
import { clientAddress } from "./client-address";

/** The signed-in staff member as the audit log records them: id, role, and the request's client address. */
export async function auditActor(staff: { id: number; role: string }): Promise<AuditActor> {
  let address = "unknown";
  try {
    address = clientAddress(await headers());
  } catch {
    // Outside a request (a script): no address to record.
  }
  return { userId: staff.id, role: staff.role, address };
}
