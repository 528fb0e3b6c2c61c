"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { ValidationError } from "@/lib/errors";
import { createOpen311Key, revokeOpen311Key, updateOpen311Client } from "@/server/open311/keys";
import { requireStaff } from "@/server/staff";

/** What the create form shows after posting: the key once, or what to fix. */
export type KeyFormState =
  | { status: "idle" }
  | { status: "created"; name: string; key: string }
  | { status: "error"; fieldErrors: Record<string, string[]>; values: Record<string, string>; attempt: number };

const PAGE = "/petugas/open311";
const read = (formData: FormData) => ({ name: String(formData.get("name") ?? "").slice(0, 300), rateLimit: String(formData.get("rateLimit") ?? "").slice(0, 20) });

export async function createKeyAction(_prev: KeyFormState, formData: FormData): Promise<KeyFormState> {
  const admin = await requireStaff("admin.manage");
  const values = read(formData);
  try {
    const made = await createOpen311Key(getDb(), values, await auditActor(admin));
    revalidatePath(PAGE);
    return { status: "created", name: made.name, key: made.key };
  } catch (err) {
    if (err instanceof ValidationError) return { status: "error", fieldErrors: err.fieldErrors, values, attempt: Date.now() };
    throw err;
  }
}

export async function updateKeyAction(formData: FormData): Promise<void> {
  const admin = await requireStaff("admin.manage");
  const id = Number(formData.get("clientId"));
  try {
    if (Number.isSafeInteger(id)) await updateOpen311Client(getDb(), id, read(formData), await auditActor(admin));
  } catch (err) {
    if (err instanceof ValidationError) redirect(`${PAGE}?error=${Object.keys(err.fieldErrors)[0] === "name" ? "name" : "rateLimit"}`);
    throw err;
  }
  revalidatePath(PAGE);
  redirect(`${PAGE}?done=updated`);
}

export async function revokeKeyAction(formData: FormData): Promise<void> {
  const admin = await requireStaff("admin.manage");
  const id = Number(formData.get("clientId"));
  if (Number.isSafeInteger(id)) {
    try {
      await revokeOpen311Key(getDb(), id, await auditActor(admin), new Date());
    } catch {
      // Already revoked or unknown: nothing to do; the page shows the current state.
    }
  }
  revalidatePath(PAGE);
  redirect(`${PAGE}?done=revoked`);
}
