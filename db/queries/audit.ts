import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog, complaintEvents, complaints, users } from "../schema";

/** True when `revealId` is this user's own reveal of this complaint's identity, made in the last 10 minutes. */
export async function revealIsValid(db: Db, revealId: number, userId: number, complaintId: number, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.id, revealId), eq(auditLog.userId, userId), eq(auditLog.complaintId, complaintId), eq(auditLog.action, "reveal_identity")));
  return !!row && now.getTime() - row.at.getTime() < 10 * 60_000;
}

/** The latest reveals of anonymous reporters' identities, newest first. */
export function latestReveals(db: Db, limit = 50) {
  return db
    .select({ id: auditLog.id, at: auditLog.at, userName: users.name, userEmail: users.email, trackingCode: complaints.trackingCode })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(complaints, eq(complaints.id, auditLog.complaintId))
    .where(eq(auditLog.action, "reveal_identity"))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

/** The latest searches by a reporter's phone, e-mail or NIK (who searched what, and how many were found), newest first. */
export function latestContactSearches(db: Db, limit = 50) {
  return db
    .select({ id: auditLog.id, at: auditLog.at, userName: users.name, userEmail: users.email, data: auditLog.data })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(eq(auditLog.action, "search_contact"))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

/** The latest workflow events across all complaints, newest first. */
export function latestEvents(db: Db, limit = 100) {
  return db
    .select({
      id: complaintEvents.id,
      at: complaintEvents.at,
      action: complaintEvents.action,
      actorRole: complaintEvents.actorRole,
      actorName: users.name,
      fromStatus: complaintEvents.fromStatus,
      toStatus: complaintEvents.toStatus,
      reason: complaintEvents.reason,
      trackingCode: complaints.trackingCode,
      // Only to redact an anonymous reporter's identity out of the reason (reporterTextFor).
      anonymous: complaints.anonymous,
      reporterName: complaints.reporterName,
      reporterPhone: complaints.reporterPhone,
      reporterEmail: complaints.reporterEmail,
      reporterNik: complaints.reporterNik,
    })
    .from(complaintEvents)
    .leftJoin(users, eq(users.id, complaintEvents.actorUserId))
    .leftJoin(complaints, eq(complaints.id, complaintEvents.complaintId))
    .orderBy(desc(complaintEvents.at), desc(complaintEvents.id))
    .limit(limit);
}
