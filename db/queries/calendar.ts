import "server-only";
import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { categories, holidays } from "@/db/schema";
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
 * Adds a non-working day and moves the deadlines of open complaints whose clocks span it (with an
 * event each). Returns how many complaints' deadlines moved; null when the day is already there.
 * `tx` is the caller's transaction (server/calendar.ts, which audits).
 */
export async function insertHoliday(tx: Db, day: { day: string; name: string; kind: HolidayKind }, userId: number | null, timeZone: string, now: Date): Promise<{ moved: number } | null> {
  const added = await tx.insert(holidays).values(day).onConflictDoNothing().returning({ day: holidays.day });
  if (added.length === 0) return null;
  return { moved: await recomputeDeadlines(tx, { day: day.day, added: true }, { userId, role: "admin" }, now, timeZone) };
}

/** Removes a non-working day and moves the deadlines it affected back (as insertHoliday); null when it was not in the calendar. */
export async function deleteHoliday(tx: Db, day: string, userId: number | null, timeZone: string, now: Date): Promise<{ moved: number; removed: typeof holidays.$inferSelect } | null> {
  const [removed] = await tx.delete(holidays).where(eq(holidays.day, day)).returning();
  if (!removed) return null;
  return { moved: await recomputeDeadlines(tx, { day, added: false }, { userId, role: "admin" }, now, timeZone), removed };
}

/** The categories with their SLA overrides, for the policy editor. */
export function listCategoryPolicies(db: Db) {
  return db.select({ id: categories.id, code: categories.code, name: categories.name, sla: categories.sla }).from(categories).orderBy(asc(categories.sortOrder), asc(categories.name));
}

/** Replaces a category's SLA overrides (empty = the defaults); answers its name and the overrides before, or null for an unknown code. */
export async function updateCategoryPolicy(tx: Db, code: string, sla: Record<string, number>): Promise<{ name: string; before: Record<string, number> | null } | null> {
  const [was] = await tx.select({ sla: categories.sla }).from(categories).where(eq(categories.code, code)).for("update");
  const [row] = await tx
    .update(categories)
    .set({ sla: Object.keys(sla).length ? sla : null })
    .where(eq(categories.code, code))
    .returning({ name: categories.name });
  return row ? { name: row.name, before: was?.sla ?? null } : null;
}
