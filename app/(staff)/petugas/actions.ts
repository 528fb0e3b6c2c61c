"use server";

import { signOut } from "@/server/auth";

/** Ends the staff session (a plain form post, so it works without JavaScript). */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/masuk" });
}
