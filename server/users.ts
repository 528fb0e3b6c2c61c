import { randomBytes } from "node:crypto";
import { and, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Role } from "@/domain/complaint-status";
import type { Db } from "@/db/client";
import { writeAudit, type AuditActor } from "@/db/queries/audit";
import { opds, users } from "@/db/schema";
import { collectFieldErrors } from "@/domain/complaint-input";
import { staffAccountSchema } from "@/domain/staff-account";
import { ValidationError, notFound } from "@/lib/errors";
import { hashPassword } from "@/lib/passwords";

/** A password to hand over once; the holder changes it after signing in. */
const oneTimePassword = () => randomBytes(12).toString("base64url");

/**
 * Creates a staff account with a one-time password (returned, never stored in clear). Used by
 * the administrator's screen and by `npm run user:create`; `actor` is recorded in the audit log.
 */
export async function createStaffAccount(db: Db, raw: unknown, actor: AuditActor) {
  const parsed = staffAccountSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(collectFieldErrors(parsed.error));
  const input = parsed.data;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    let opdId: number | null = null;
    if (input.opdCode) {
      const [opd] = await tx.select({ id: opds.id }).from(opds).where(eq(opds.code, input.opdCode));
      if (!opd) throw new ValidationError({ opdCode: ["opdUnknown"] });
      opdId = opd.id;
    }
    const [row] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: input.role, opdId, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!row) throw new ValidationError({ email: ["emailTaken"] });
    await writeAudit(tx, {
      actor,
      action: "user.create",
      target: { kind: "user", id: row.id },
      after: { email: input.email, name: input.name, role: input.role, opdCode: input.opdCode ?? null, active: true },
    });
    return { id: row.id, email: input.email, password };
  });
}

/** Sets a new one-time password and ends every session of the account. */
export async function resetStaffPassword(db: Db, userId: number, actor: AuditActor) {
  // One's own password is changed on "Akun saya", with the current one: never reset blind.
  if (userId === actor.userId) throw new ValidationError({ _form: ["selfReset"] });
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, sessionEpoch: sql`${users.sessionEpoch} + 1` })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    if (!row) throw notFound();
    await writeAudit(tx, { actor, action: "user.reset_password", target: { kind: "user", id: userId }, data: { email: row.email, sessionsEnded: true } });
    return { email: row.email, password };
  });
}

/** Deactivates (ending its sessions) or reactivates an account; an administrator cannot lock themself out. */
export async function setStaffActive(db: Db, userId: number, active: boolean, actor: AuditActor): Promise<void> {
  if (userId === actor.userId && !active) throw new ValidationError({ _form: ["selfDeactivate"] });
  await db.transaction(async (tx) => {
    const [was] = await tx.select({ active: users.active, email: users.email }).from(users).where(eq(users.id, userId)).for("update");
    if (!was) throw notFound();
    await tx
      .update(users)
      .set({ active, ...(active ? {} : { sessionEpoch: sql`${users.sessionEpoch} + 1` }) })
      .where(eq(users.id, userId));
    await writeAudit(tx, {
      actor,
      action: active ? "user.activate" : "user.deactivate",
      target: { kind: "user", id: userId },
      before: { active: was.active },
      after: { active },
      data: { email: was.email },
    });
  });
}

export type StaffAccountFilter = { q?: string; opdCode?: string; role?: Role; active?: boolean };

/**
 * The accounts for the administrator's list, OPD named, never the password hash: all of them, or
 * those whose name or e-mail contains `q` (any case), of one OPD, one role, active or not.
 */
export function listStaffAccounts(db: Db, filter: StaffAccountFilter = {}) {
  const conditions: SQL[] = [];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
  }
  if (filter.opdCode) conditions.push(eq(opds.code, filter.opdCode));
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.active !== undefined) conditions.push(eq(users.active, filter.active));
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active, opdCode: opds.code, opdName: opds.name, createdAt: users.createdAt })
    .from(users)
    .leftJoin(opds, eq(opds.id, users.opdId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(users.role, users.email);
}
