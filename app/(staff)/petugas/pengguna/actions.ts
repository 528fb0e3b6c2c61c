"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { ValidationError } from "@/lib/errors";
import { requireStaff } from "@/server/staff";
import { createStaffAccount, resetStaffPassword, setStaffActive } from "@/server/users";

/** What the create and reset forms show after posting: the one-time password once, or what to fix. */
export type AccountFormState =
  | { status: "idle" }
  | { status: "created" | "reset"; email: string; password: string }
  | { status: "error"; fieldErrors: Record<string, string[]>; values: Record<string, string>; attempt: number };

const PAGE = "/petugas/pengguna";

export async function createAccountAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const admin = await requireStaff("admin.manage");
  const values = Object.fromEntries(["email", "name", "role", "opdCode"].map((k) => [k, String(formData.get(k) ?? "").slice(0, 300)]));
  try {
    const created = await createStaffAccount(getDb(), values, await auditActor(admin));
    revalidatePath(PAGE);
    return { status: "created", email: created.email, password: created.password };
  } catch (err) {
    if (err instanceof ValidationError) return { status: "error", fieldErrors: err.fieldErrors, values, attempt: Date.now() };
    throw err;
  }
}

export async function resetPasswordAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const admin = await requireStaff("admin.manage");
  const userId = Number(formData.get("userId"));
  if (!Number.isSafeInteger(userId)) return { status: "error", fieldErrors: { _form: ["unknownUser"] }, values: {}, attempt: Date.now() };
  try {
    const done = await resetStaffPassword(getDb(), userId, await auditActor(admin));
    return { status: "reset", email: done.email, password: done.password };
  } catch (err) {
    if (err instanceof ValidationError) return { status: "error", fieldErrors: err.fieldErrors, values: {}, attempt: Date.now() };
    throw err;
  }
}

export async function setActiveAction(formData: FormData): Promise<void> {
  const admin = await requireStaff("admin.manage");
  const userId = Number(formData.get("userId"));
  const active = formData.get("active") === "1";
  try {
    if (Number.isSafeInteger(userId)) await setStaffActive(getDb(), userId, active, await auditActor(admin));
  } catch (err) {
    if (err instanceof ValidationError) redirect(`${PAGE}?error=selfDeactivate`);
    throw err;
  }
  revalidatePath(PAGE);
  redirect(`${PAGE}?done=${active ? "activated" : "deactivated"}`);
}
