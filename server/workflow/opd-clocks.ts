import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { opdClocks } from "@/db/schema-sla";
import { shiftWindow } from "@/domain/sla";
import { workingTimeBetween, type WorkingCalendar } from "@/domain/working-days";
import type { ShareOps } from "./clocks";

/**
 * Applies an action's effect on the OPD's own clock (see `ShareOps`) in the action's
 * transaction, the complaint row already locked: moves the running share's deadlines by the
 * pause that just ended, marks its first response, ends it with the working time the OPD held
 * the complaint (pauses left out), starts the next OPD's share.
 */
export async function applyShareOps(tx: Db, complaintId: number, ops: ShareOps, now: Date, calendar: WorkingCalendar): Promise<void> {
  if (!ops.resumedMs && !ops.firstResponse && !ops.end && !ops.start) return;
  const [open] = await tx.select().from(opdClocks).where(and(eq(opdClocks.complaintId, complaintId), isNull(opdClocks.endedAt)));
  // A share still running when another starts (data older than the shares) ends as handed on.
  const end = ops.end ?? (ops.start ? "redisposed" : undefined);
  if (open) {
    const set: Partial<typeof opdClocks.$inferInsert> = {};
    const pausedMs = open.pausedMs + (ops.resumedMs ?? 0);
    if (ops.resumedMs) {
      set.pausedMs = pausedMs;
      const resolution = shiftWindow({ due: open.resolutionDue, riskAt: open.resolutionRiskAt }, ops.resumedMs, calendar);
      set.resolutionDue = resolution.due;
      set.resolutionRiskAt = resolution.riskAt;
      if (open.firstResponseDue && open.firstResponseRiskAt && !open.firstRespondedAt) {
        const first = shiftWindow({ due: open.firstResponseDue, riskAt: open.firstResponseRiskAt }, ops.resumedMs, calendar);
        set.firstResponseDue = first.due;
        set.firstResponseRiskAt = first.riskAt;
      }
    }
    if (ops.firstResponse && !open.firstRespondedAt) set.firstRespondedAt = now;
    if (end) {
      set.endedAt = now;
      set.endReason = end;
      set.heldMs = Math.max(0, workingTimeBetween(open.startedAt, now, calendar) - pausedMs);
    }
    if (Object.keys(set).length > 0) await tx.update(opdClocks).set(set).where(eq(opdClocks.id, open.id));
  }
  if (ops.start) {
    const s = ops.start;
    await tx.insert(opdClocks).values({
      complaintId,
      opdId: s.opdId,
      startedAt: now,
      startedBy: s.startedBy,
      firstResponseDue: s.firstResponse?.due ?? null,
      firstResponseRiskAt: s.firstResponse?.riskAt ?? null,
      resolutionDue: s.resolution.due,
      resolutionRiskAt: s.resolution.riskAt,
    });
  }
}
