import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaintEvents, complaints } from "@/db/schema";
import { laporFollowups } from "@/db/schema-lapor";
import { AppError } from "@/lib/errors";
import { performAction, type ActingParty } from "@/server/workflow/perform";
import type { LaporFollowup } from "./v3";

const reporter: ActingParty = { kind: "reporter", channel: "lapor" };

/** Takes a reporter's workflow action; false when the workflow does not allow it now. */
async function tryAction(tx: Db, complaintId: number, action: "reporter_reply" | "rate" | "accept_response", input: unknown, now: Date): Promise<boolean> {
  try {
    await performAction(tx, { complaintId, action, party: reporter, input, now });
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

/**
 * Applies one reporter follow-up from LAPOR to a complaint, once: the follow-up id is recorded
 * in `lapor_followups` in the same transaction as its effect. A reply to an information request
 * resumes the complaint exactly as the reporter's reply on the web does (the workflow executor);
 * a rating on an answered complaint accepts and rates it; anything else is recorded on the
 * timeline as the reporter's message. Returns false when it was already applied.
 */
export async function applyReporterFollowup(db: Db, complaintId: number, f: LaporFollowup, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const fresh = await tx.insert(laporFollowups).values({ laporFollowupId: f.id, complaintId, seenAt: now }).onConflictDoNothing().returning();
    if (fresh.length === 0) return false;
    const [c] = await tx.select({ status: complaints.status, rating: complaints.rating }).from(complaints).where(eq(complaints.id, complaintId)).for("update");
    if (!c) return false;
    const message = f.content.trim();
    if (f.rating !== null) {
      if (c.status === "responded") await tryAction(tx, complaintId, "accept_response", {}, now);
      const comment = message.length > 0 ? message.slice(0, 2000) : undefined;
      if (await tryAction(tx, complaintId, "rate", { rating: f.rating, comment }, now)) return true;
    } else if (c.status === "awaiting_reporter" && message.length >= 2) {
      if (await tryAction(tx, complaintId, "reporter_reply", { message: message.slice(0, 5000) }, now)) return true;
    }
    // Not a workflow step now (e.g. a remark while an OPD works on it): kept on the timeline.
    await tx.insert(complaintEvents).values({
      complaintId,
      at: now,
      action: f.rating !== null ? "lapor_rating" : "lapor_reporter_message",
      actorRole: "reporter",
      fromStatus: c.status,
      toStatus: c.status,
      channel: "lapor",
      data: { laporFollowupId: f.id, message: message.slice(0, 5000), rating: f.rating, at: (f.created_at ?? now).toISOString() },
    });
    return true;
  });
}
