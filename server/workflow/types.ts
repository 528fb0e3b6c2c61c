import type { complaints } from "@/db/schema";
import type { Channel, Role } from "@/domain/complaint-status";

/** Who is acting: a signed-in staff member, the reporter (key already checked) or the system. */
export type ActingParty =
  | { kind: "staff"; userId: number; role: Role; opdId: number | null; /** the request's client address, for the audit log */ address?: string }
  | { kind: "reporter"; channel: Channel }
  | { kind: "system" };

/** A complaint as the executor locked it. */
export type ComplaintRow = typeof complaints.$inferSelect;
