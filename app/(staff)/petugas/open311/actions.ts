"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { createOpen311Key, revokeOpen311Key, updateOpen311Client } from "@/server/open311/keys";
import { requireStaff } from "@/server/staff";

const PAGE = "/petugas/open311";
const admin = () => requireStaff("admin.manage");
/** The form's two fields as typed; server/open311/keys.ts decides what is valid (a refusal names its field). */
const client = z.object({ name: z.string().max(300, "open311ClientName").default(""), rateLimit: z.string().max(20, "open311RateLimit").default("") });

/** Creates a client and its key; the key comes back to the form once, a mistake beside its field. */
export const createKeyAction = formAction({ authorise: admin, schema: client }, async (input, staff): Promise<{ name: string; key: string }> => {
  const made = await createOpen311Key(getDb(), input, await auditActor(staff));
  revalidatePath(PAGE);
  return { name: made.name, key: made.key };
});

/** Renames a client or changes its limit; a mistake comes back to the client's row, what was typed kept. */
export const updateKeyAction = formAction({ authorise: admin, schema: client.extend({ clientId: z.string().max(20) }) }, async ({ clientId, ...input }, staff) => {
  const id = Number(clientId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  try {
    await updateOpen311Client(getDb(), id, input, await auditActor(staff));
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
  revalidatePath(PAGE);
  redirect(`${PAGE}?done=updated`);
});

/** Revokes a key; one already revoked (another administrator was quicker) is left as it is. */
export async function revokeKeyAction(formData: FormData): Promise<void> {
  const staff = await admin();
  const id = Number(formData.get("clientId"));
  if (Number.isSafeInteger(id)) {
    try {
      await revokeOpen311Key(getDb(), id, await auditActor(staff), new Date());
    } catch {
      // Already revoked or unknown: nothing to do; the page shows the current state.
    }
  }
  revalidatePath(PAGE);
  redirect(`${PAGE}?done=revoked`);
}
