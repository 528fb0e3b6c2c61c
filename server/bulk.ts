import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaints } from "@/db/schema";
import type { ComplaintStatus } from "@/domain/complaint-status";
import type { StaffScope } from "@/domain/permissions";
import { AppError, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";
import { performAction } from "./workflow/perform";

/** The most complaints one bulk action takes (a page of the queue is 25). */
export const BULK_MAX = 50;

export type BulkKind = "dispose" | "spam";
type BulkFailure = { code: string; reason: "actionNotAllowed" | "notFound" | "forbidden" | "invalid"; status?: ComplaintStatus };
export type BulkOutcome = { done: string[]; failed: BulkFailure[] };

/**
 * The coordinator's bulk actions on the queue: dispose several complaints to one OPD, or archive
 * several as spam. Each complaint is an ordinary workflow action through `performAction` — its
 * own transaction, its own event, its own outbox rows, the workflow table and scope checked for
 * each — so one that cannot be taken (already disposed by a colleague, say) fails alone and is
 * reported by its code and the status it is in now.
 */
export async function bulkAction(db: Db, staff: StaffScope & { id: number }, kind: BulkKind, codes: readonly string[], opdCode: string | null, now: Date, address: string): Promise<BulkOutcome> {
  const out: BulkOutcome = { done: [], failed: [] };
  for (const code of [...new Set(codes)].slice(0, BULK_MAX)) {
    try {
      await performAction(db, {
        trackingCode: code,
        action: kind === "dispose" ? "dispose" : "archive",
        party: { kind: "staff", userId: staff.id, role: staff.role, opdId: staff.opdId, address },
        input: kind === "dispose" ? { opdCode } : { reason: "spam" },
        now,
      });
      out.done.push(code);
    } catch (err) {
      if (err instanceof AppError && err.code === "action_not_allowed") {
        const [c] = await db.select({ status: complaints.status }).from(complaints).where(eq(complaints.trackingCode, code));
        out.failed.push({ code, reason: "actionNotAllowed", status: c?.status });
      } else if (err instanceof AppError && err.status === 404) out.failed.push({ code, reason: "notFound" });
      else if (err instanceof AppError && err.status === 403) out.failed.push({ code, reason: "forbidden" });
      else if (err instanceof ValidationError) out.failed.push({ code, reason: "invalid" });
      else {
        log.error("bulk action failed", { action: kind, err });
        out.failed.push({ code, reason: "invalid" });
      }
    }
  }
  return out;
}
