import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { opds, revokedSessions, users } from "@/db/schema";

/** A staff account with its OPD, by email (case-insensitive). */
export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return row ?? null;
}

/** The signed-in staff member as authorisation sees them: always read fresh from the database. */
export async function findStaffById(db: Db, id: number) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, opdId: users.opdId, active: users.active, sessionEpoch: users.sessionEpoch, opdCode: opds.code, opdName: opds.name })
    .from(users)
    .leftJoin(opds, eq(opds.id, users.opdId))
    .where(eq(users.id, id));
  return row ?? null;
}

/**
 * Ends one session (signing out): its id is refused until `expiresAt`, when every copy of its
 * cookie has expired anyway. Rows already past their expiry are deleted on the way.
 */
export async function revokeSession(db: Db, sid: string, userId: number, expiresAt: Date): Promise<void> {
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, sql`now()`));
  await db.insert(revokedSessions).values({ sid, userId, expiresAt }).onConflictDoNothing();
}

/** Whether this session was signed out. */
export async function isSessionRevoked(db: Db, sid: string): Promise<boolean> {
  const [row] = await db.select({ sid: revokedSessions.sid }).from(revokedSessions).where(eq(revokedSessions.sid, sid)).limit(1);
  return row !== undefined;
}
