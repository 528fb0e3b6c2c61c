"use server";

import { eq, sql } from "drizzle-orm";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { writeAudit } from "@/db/queries/audit";
import { NOTIFY_EMAIL_MODES, type NotifyEmailMode, users } from "@/db/schema";
import { passwordChangeSchema } from "@/domain/staff-account";
import { formAction } from "@/lib/action";
import { AppError, ValidationError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/passwords";
import { signIn } from "@/server/auth";
import { auditActor } from "@/server/audit";
import { clientAddress } from "@/server/client-address";
import { getDb } from "@/server/db";
import { throttledCheck } from "@/server/signin-throttle";
import { requireStaff } from "@/server/staff";

/**
 * Changes the signed-in staff member's own password after checking the current one (the
 * password policy: domain/staff-account.ts). No password is ever sent back to the form.
 */
export const changePassword = formAction(
  { authorise: () => requireStaff(), schema: passwordChangeSchema, secret: ["current", "next", "confirm"] },
  async ({ current, next }, staff) => {
    const db = getDb();
    // The same limiter as sign-in: a stolen session cannot guess the password either.
    const checked = await throttledCheck(db, { email: staff.email.toLowerCase(), address: clientAddress(await headers()), kind: "password_change" }, async () => {
      const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, staff.id));
      return verifyPassword(row?.passwordHash ?? null, current);
    });
    if (typeof checked === "object") throw new AppError(429, "throttled", "Too many wrong passwords", { minutes: Math.ceil(checked.locked / 60) });
    if (checked !== "ok") throw new ValidationError({ current: ["wrong"] });
    // Every other session of the account ends (a stolen session must not outlive the change); this
    // browser is signed in again with the new password so the officer can carry on.
    const passwordHash = await hashPassword(next);
    const actor = await auditActor(staff);
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ passwordHash, sessionEpoch: sql`${users.sessionEpoch} + 1` })
        .where(eq(users.id, staff.id));
      await writeAudit(tx, { actor, action: "user.change_password", target: { kind: "user", id: staff.id }, data: { sessionsEnded: true } });
    });
    try {
      await signIn("credentials", { email: staff.email, password: next, redirectTo: "/petugas/akun?done=1" });
    } catch (err) {
      // Throttled or otherwise refused: the password is changed; they sign in again by hand.
      if (err instanceof AuthError) redirect("/masuk");
      throw err; // the redirect after signing in again
    }
    return null;
  },
);

/** Sets how the signed-in staff member hears of notifications by e-mail (instant, daily digest, off); audited. */
export async function setNotifyEmail(formData: FormData): Promise<void> {
  const staff = await requireStaff();
  const mode = String(formData.get("notifyEmail") ?? "");
  if (!(NOTIFY_EMAIL_MODES as readonly string[]).includes(mode)) redirect("/petugas/akun#notif-h");
  const actor = await auditActor(staff);
  await getDb().transaction(async (tx) => {
    const [before] = await tx.select({ mode: users.notifyEmail }).from(users).where(eq(users.id, staff.id));
    await tx.update(users).set({ notifyEmail: mode as NotifyEmailMode }).where(eq(users.id, staff.id));
    await writeAudit(tx, { actor, action: "user.notify_email", target: { kind: "user", id: staff.id }, before: { mode: before?.mode ?? null }, after: { mode } });
  });
  redirect("/petugas/akun?notif=1#notif-h");
}
