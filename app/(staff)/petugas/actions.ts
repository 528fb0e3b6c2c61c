"use server";

import { eq, sql } from "drizzle-orm";
import { revokeSession } from "@/db/queries/users";
import { users } from "@/db/schema";
import { auth, SESSION_MAX_AGE_S, signOut } from "@/server/auth";
import { getDb } from "@/server/db";
import { currentStaff } from "@/server/staff";

/**
 * Ends this session (a plain form post, so it works without JavaScript) on the server too: its id
 * is refused from now on, so the cookie — or a copy of it — no longer signs anyone in, while the
 * account's sessions on other devices go on. (A session from before sessions had ids ends the
 * old way: all of the account's sessions.)
 */
export async function signOutAction(): Promise<void> {
  const staff = await currentStaff();
  const sid = ((await auth()) as { sid?: string } | null)?.sid;
  if (staff && sid) await revokeSession(getDb(), sid, staff.id, new Date(Date.now() + SESSION_MAX_AGE_S * 1000));
  else if (staff) await endEverySession(staff.id);
  await signOut({ redirectTo: "/masuk" });
}

/** "Keluar dari semua perangkat": every session of the account ends, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const staff = await currentStaff();
  if (staff) await endEverySession(staff.id);
  await signOut({ redirectTo: "/masuk" });
}

/** The account's session epoch goes up: every session issued before is refused. */
async function endEverySession(userId: number): Promise<void> {
  await getDb().update(users).set({ sessionEpoch: sql`${users.sessionEpoch} + 1` }).where(eq(users.id, userId));
}
