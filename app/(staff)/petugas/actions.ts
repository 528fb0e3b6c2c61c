"use server";

import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { signOut } from "@/server/auth";
import { getDb } from "@/server/db";
import { currentStaff } from "@/server/staff";

/**
 * Ends the staff session (a plain form post, so it works without JavaScript) on the server too:
 * the account's session epoch goes up, so the cookie — or a copy of it — is refused from now on
 * (every session of the account ends, as after a password change).
 */
export async function signOutAction(): Promise<void> {
  const staff = await currentStaff();
  if (staff) await getDb().update(users).set({ sessionEpoch: sql`${users.sessionEpoch} + 1` }).where(eq(users.id, staff.id));
  await signOut({ redirectTo: "/masuk" });
}
