import "server-only";
import { and, desc, eq, inArray, isNull, notExists, or, sql, type SQL } from "drizzle-orm";
import type { Role } from "@/domain/complaint-status";
import type { Db } from "@/db/client";
import { notificationReads, staffNotifications } from "@/db/schema-sla";

/** Who is reading: the signed-in staff member. */
export type Reader = { id: number; role: Role; opdId: number | null };

/**
 * The notifications a staff member may see: addressed to them, or to their role and/or their
 * OPD. A notification for an OPD reaches only that OPD's staff; one for a role without an OPD
 * (e.g. every coordinator) only that role. A member of an OPD sees a notification about a
 * complaint only while the complaint is their OPD's: once returned or re-disposed, even the ones
 * addressed to them fall away (never news about another OPD's complaint).
 */
function visibleTo(u: Reader): SQL {
  const n = staffNotifications;
  const roleOk = or(isNull(n.role), eq(n.role, u.role))!;
  const opdOk = u.opdId === null ? isNull(n.opdId) : or(isNull(n.opdId), eq(n.opdId, u.opdId))!;
  const addressed = or(eq(n.userId, u.id), and(isNull(n.userId), roleOk, opdOk))!;
  if (u.opdId === null) return addressed;
  return and(addressed, or(isNull(n.complaintId), sql`exists (select 1 from complaints sc where sc.id = ${n.complaintId} and sc.opd_id = ${u.opdId})`))!;
}

const unread = (u: Reader) =>
  notExists(
    sql`(select 1 from ${notificationReads} r where r.notification_id = ${staffNotifications.id} and r.user_id = ${u.id})`,
  );

/** The newest notifications the reader may see, with whether they have read each. */
export async function listNotifications(db: Db, u: Reader, limit = 100) {
  return db
    .select({
      id: staffNotifications.id,
      createdAt: staffNotifications.createdAt,
      kind: staffNotifications.kind,
      data: staffNotifications.data,
      read: sql<boolean>`exists (select 1 from ${notificationReads} r where r.notification_id = ${staffNotifications.id} and r.user_id = ${u.id})`,
    })
    .from(staffNotifications)
    .where(visibleTo(u))
    .orderBy(desc(staffNotifications.createdAt), desc(staffNotifications.id))
    .limit(limit);
}

/** How many unread notifications the reader has, counted up to `cap` (the bell shows "99+"). */
export async function unreadCount(db: Db, u: Reader, cap = 100): Promise<number> {
  const inner = db.select({ one: sql`1` }).from(staffNotifications).where(and(visibleTo(u), unread(u))).limit(cap).as("u");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(inner);
  return row?.n ?? 0;
}

/** Marks one notification read for the reader; false when they may not see it. */
export async function markRead(db: Db, u: Reader, id: number): Promise<boolean> {
  const [visible] = await db.select({ id: staffNotifications.id }).from(staffNotifications).where(and(eq(staffNotifications.id, id), visibleTo(u)));
  if (!visible) return false;
  await db.insert(notificationReads).values({ notificationId: id, userId: u.id }).onConflictDoNothing();
  return true;
}

/** Marks every notification the reader may see as read; returns how many were newly read. */
export async function markAllRead(db: Db, u: Reader): Promise<number> {
  const rows = await db
    .insert(notificationReads)
    .select(
      db
        .select({ notificationId: staffNotifications.id, userId: sql<number>`${u.id}::int`.as("user_id"), readAt: sql<Date>`now()`.as("read_at") })
        .from(staffNotifications)
        .where(and(visibleTo(u), unread(u))),
    )
    .onConflictDoNothing()
    .returning({ id: notificationReads.notificationId });
  return rows.length;
}

/** For each of `complaintIds` with notifications the reader has not read: the newest one's kind. */
export async function unreadByComplaint(db: Db, u: Reader, complaintIds: number[]): Promise<Map<number, string>> {
  if (complaintIds.length === 0) return new Map();
  const rows = await db
    .select({ complaintId: staffNotifications.complaintId, kind: staffNotifications.kind })
    .from(staffNotifications)
    .where(and(inArray(staffNotifications.complaintId, complaintIds), visibleTo(u), unread(u)))
    .orderBy(desc(staffNotifications.createdAt), desc(staffNotifications.id));
  const out = new Map<number, string>();
  for (const r of rows) if (r.complaintId !== null && !out.has(r.complaintId)) out.set(r.complaintId, r.kind);
  return out;
}

/** Marks the reader's notifications about one complaint read (they opened it); returns how many. */
export async function markComplaintRead(db: Db, u: Reader, complaintId: number): Promise<number> {
  const rows = await db
    .insert(notificationReads)
    .select(
      db
        .select({ notificationId: staffNotifications.id, userId: sql<number>`${u.id}::int`.as("user_id"), readAt: sql<Date>`now()`.as("read_at") })
        .from(staffNotifications)
        .where(and(eq(staffNotifications.complaintId, complaintId), visibleTo(u), unread(u))),
    )
    .onConflictDoNothing()
    .returning({ id: notificationReads.notificationId });
  return rows.length;
}
