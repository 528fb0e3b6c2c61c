import "server-only";
import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { Db } from "../client";
import { categories, holidays } from "../schema";
import { writeAudit, type AuditActor } from "./audit";
import { recomputeDeadlines } from "./calendar-recompute";

export type HolidayKind = (typeof holidays.$inferSelect)["kind"];

/** A year's non-working days (besides weekends), in date order. */
export function listHolidays(db: Db, year: number) {
  return db
    .select()
    .from(holidays)
    .where(and(gte(holidays.day, `${year}-01-01`), lte(holidays.day, `${year}-12-31`)))
    .orderBy(asc(holidays.day));
}

/**
 * Adds a non-working day, moves the deadlines of open complaints whose clocks span it (with an
 * event each) and writes the audit entry, in one transaction. Returns how many complaints'
 * deadlines moved; null when the day is already there.
 */
export async function addHoliday(db: Db, day: { day: string; name: string; kind: HolidayKind }, actor: AuditActor, timeZone: string, now = new Date()): Promise<{ moved: number } | null> {
  return db.transaction(async (tx) => {
    const added = await tx.insert(holidays).values(day).onConflictDoNothing().returning({ day: holidays.day });
    if (added.length === 0) return null;
    const moved = await recomputeDeadlines(tx, { day: day.day, added: true }, { userId: actor.userId, role: "admin" }, now, timeZone);
    await writeAudit(tx, { actor, at: now, action: "calendar.add", target: { kind: "holiday", id: day.day }, after: day, data: { moved } });
    return { moved };
  });
}

/** Removes a non-working day, moves the deadlines it affected back (as addHoliday); null when it was not in the calendar. */
export async function removeHoliday(db: Db, day: string, actor: AuditActor, timeZone: string, now = new Date()): Promise<{ moved: number } | null> {
  return db.transaction(async (tx) => {
    const removed = await tx.delete(holidays).where(eq(holidays.day, day)).returning();
    if (removed.length === 0) return null;
    const moved = await recomputeDeadlines(tx, { day, added: false }, { userId: actor.userId, role: "admin" }, now, timeZone);
    await writeAudit(tx, { actor, at: now, action: "calendar.remove", target: { kind: "holiday", id: day }, before: { ...removed[0]! }, data: { moved } });
    return { moved };
  });
}

/** The categories with their SLA overrides, for the policy editor. */
export function listCategoryPolicies(db: Db) {
  return db.select({ id: categories.id, code: categories.code, name: categories.name, sla: categories.sla }).from(categories).orderBy(asc(categories.sortOrder), asc(categories.name));
}

/** Replaces a category's SLA overrides (empty = the defaults) and records who did. */
export async function setCategoryPolicy(db: Db, code: string, sla: Record<string, number>, actor: AuditActor): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [was] = await tx.select({ sla: categories.sla }).from(categories).where(eq(categories.code, code)).for("update");
    const [row] = await tx
      .update(categories)
      .set({ sla: Object.keys(sla).length ? sla : null })
      .where(eq(categories.code, code))
      .returning({ name: categories.name });
    if (!row) return null;
    await writeAudit(tx, { actor, action: "sla_policy.set", target: { kind: "category", id: code }, before: { sla: was?.sla ?? null }, after: { sla } });
    return row.name;
  });
}
