"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, THROTTLED } from "@/server/auth";
import { log } from "@/lib/log";

export type SignInState = { error?: "invalid" | "throttled" | "unexpected"; email?: string; minutes?: number };

/** Signs a staff member in; on success next-auth redirects to their workspace. */
export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "").slice(0, 254);
  try {
    await signIn("credentials", { email, password: String(formData.get("password") ?? ""), redirectTo: "/petugas" });
    return {};
  } catch (err) {
    if (err instanceof CredentialsSignin) {
      const throttled = err.code.startsWith(`${THROTTLED}-`);
      return throttled ? { error: "throttled", email, minutes: Number(err.code.slice(THROTTLED.length + 1)) || 15 } : { error: "invalid", email };
    }
    if (err instanceof AuthError) {
      log.error("sign-in failed", { type: err.type });
      return { error: "unexpected", email };
    }
    throw err; // the redirect after a successful sign-in
  }
}
