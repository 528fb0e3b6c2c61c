import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { opds, users } from "../schema";

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
