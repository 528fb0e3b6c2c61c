import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { opds, users } from "@/db/schema";
import type { Role } from "@/domain/complaint-status";
import type { ActingParty } from "@/server/workflow/perform";

/** A staff account (of the OPD with `opdCode`, if any) and the party it acts as in `performAction`. */
export async function addStaff(db: Db, email: string, role: Role, opdCode: string | null): Promise<ActingParty & { kind: "staff" }> {
  const opdId = opdCode ? (await db.select({ id: opds.id }).from(opds).where(eq(opds.code, opdCode)))[0]!.id : null;
  const [u] = await db.insert(users).values({ email, name: email, role, opdId, passwordHash: "x" }).returning({ id: users.id });
  return { kind: "staff", userId: u!.id, role, opdId };
}
