import "server-only";
import { z } from "zod";
import { writeAudit, type AuditActor } from "@/db/queries/audit";
import { deleteHoliday, insertHoliday, updateCategoryPolicy } from "@/db/queries/calendar";
import type { Db } from "@/db/client";
import { DEFAULT_SLA, type SlaClock } from "@/domain/sla";
import { env } from "@/lib/env";
import { invalidateReference } from "./reference";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
});

/** An administrator's new non-working day. */
export const holidayInputSchema = z.object({
  day,
  name: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().min(2).max(100)),
  kind: z.enum(["national", "cuti_bersama", "local"]),
});

/** Working days per clock: an integer 1–60, or nothing (the default). */
const days = z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), z.coerce.number().int().min(1).max(60).optional());
/** A category's overrides (the form's four fields). */
export const policyInputSchema = z.object({ verification: days, firstResponse: days, resolution: days, autoClose: days });

export type CalendarResult = { ok: true; day?: string; name?: string; moved?: number } | { ok: false; errors: string[] };

/**
 * Adds a day to the working calendar. Running clocks of open complaints whose window spans the
 * day get their deadlines moved in the same transaction (db/queries/calendar-recompute.ts);
 * deadlines computed afterwards see it (this process at once, others within the reference
 * cache's 30 seconds).
 */
export async function addCalendarDay(db: Db, input: Record<string, unknown>, actor: AuditActor): Promise<CalendarResult> {
  const parsed = holidayInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: [...new Set(parsed.error.issues.map((i) => String(i.path[0])))] };
  const now = new Date();
  const done = await db.transaction(async (tx) => {
    const added = await insertHoliday(tx, parsed.data, actor.userId, env().PINTU_TIME_ZONE, now);
    if (added) await writeAudit(tx, { actor, at: now, action: "calendar.add", target: { kind: "holiday", id: parsed.data.day }, after: parsed.data, data: { moved: added.moved } });
    return added;
  });
  if (!done) return { ok: false, errors: ["exists"] };
  invalidateReference(db);
  return { ok: true, day: parsed.data.day, moved: done.moved };
}

/** Removes a day from the working calendar (it becomes a working day again if a weekday). */
export async function removeCalendarDay(db: Db, input: unknown, actor: AuditActor): Promise<CalendarResult> {
  const parsed = day.safeParse(input);
  if (!parsed.success) return { ok: false, errors: ["day"] };
  const now = new Date();
  const done = await db.transaction(async (tx) => {
    const removed = await deleteHoliday(tx, parsed.data, actor.userId, env().PINTU_TIME_ZONE, now);
    if (removed) await writeAudit(tx, { actor, at: now, action: "calendar.remove", target: { kind: "holiday", id: parsed.data }, before: { ...removed.removed }, data: { moved: removed.moved } });
    return removed;
  });
  if (!done) return { ok: false, errors: ["missing"] };
  invalidateReference(db);
  return { ok: true, day: parsed.data, moved: done.moved };
}

/** Sets a category's per-clock working days (blank = default). */
export async function saveCategoryPolicy(db: Db, code: string, input: Record<string, unknown>, actor: AuditActor): Promise<CalendarResult> {
  const parsed = policyInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: ["policy"] };
  const sla: Partial<Record<SlaClock, number>> = {};
  for (const clock of Object.keys(DEFAULT_SLA) as SlaClock[]) if (parsed.data[clock] !== undefined) sla[clock] = parsed.data[clock];
  const done = await db.transaction(async (tx) => {
    const set = await updateCategoryPolicy(tx, code, sla);
    if (set) await writeAudit(tx, { actor, action: "sla_policy.set", target: { kind: "category", id: code }, before: { sla: set.before }, after: { sla } });
    return set;
  });
  if (!done) return { ok: false, errors: ["policy"] };
  invalidateReference(db);
  return { ok: true, name: done.name };
}
