"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAccountSchema } from "@/domain/staff-account";
import { formAction } from "@/lib/action";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { requireStaff } from "@/server/staff";
import { createStaffAccount, resetStaffPassword, setStaffActive } from "@/server/users";

/** A one-time password, shown once in the form that asked for it. */
export type OneTimePassword = { email: string; password: string };

const PAGE = "/petugas/pengguna";
const admin = () => requireStaff("admin.manage");
const account = z.object({ userId: z.coerce.number({ error: "unknownUser" }).int({ error: "unknownUser" }).positive({ error: "unknownUser" }) });

/** Creates a staff account (administrators only); every problem comes back beside its field, with what was typed. */
export const createAccountAction = formAction({ authorise: admin, schema: staffAccountSchema }, async (input, staff): Promise<OneTimePassword> => {
  const created = await createStaffAccount(getDb(), input, await auditActor(staff));
  revalidatePath(PAGE);
  return { email: created.email, password: created.password };
});

/** Gives an account a new one-time password (ending its sessions); never one's own. */
export const resetPasswordAction = formAction({ authorise: admin, schema: account }, async ({ userId }, staff): Promise<OneTimePassword> => {
  return resetStaffPassword(getDb(), userId, await auditActor(staff));
});

/** Deactivates or reactivates an account; refusing one's own deactivation beside the button. */
export const setActiveAction = formAction({ authorise: admin, schema: account.extend({ active: z.enum(["0", "1"]) }) }, async ({ userId, active }, staff) => {
  await setStaffActive(getDb(), userId, active === "1", await auditActor(staff));
  revalidatePath(PAGE);
  redirect(`${PAGE}?done=${active === "1" ? "activated" : "deactivated"}`);
});
