"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/action";
import { ValidationError } from "@/lib/errors";
import { auditActor } from "@/server/audit";
import { addCalendarDay, holidayInputSchema, policyInputSchema, removeCalendarDay, saveCategoryPolicy } from "@/server/calendar";
import { getDb } from "@/server/db";
import { requireStaff } from "@/server/staff";

const back = (params: Record<string, string>) => redirect(`/petugas/kalender?${new URLSearchParams(params).toString()}`);
const yearOf = (day: unknown) => (typeof day === "string" && /^\d{4}-/.test(day) ? day.slice(0, 4) : "");
const admin = () => requireStaff("admin.manage");

/**
 * Adds a holiday or cuti bersama (administrators only, checked here as on the page). A mistake
 * comes back to the form with what was typed; success goes to the year's list (its URL holds
 * the day added, never what was typed).
 */
export const addDayAction = formAction({ authorise: admin, schema: holidayInputSchema }, async (input, staff) => {
  const result = await addCalendarDay(getDb(), input, await auditActor(staff));
  if (!result.ok) throw new ValidationError({ _form: result.errors });
  back({ year: yearOf(input.day), added: result.day!, moved: String(result.moved ?? 0) });
  return null;
});

/** Removes a day from the calendar (administrators only); a failure answers beside the row's button. */
export const removeDayAction = formAction({ authorise: admin, schema: z.object({ day: z.string().max(20) }) }, async ({ day }, staff) => {
  const result = await removeCalendarDay(getDb(), day, await auditActor(staff));
  if (!result.ok) throw new ValidationError({ _form: result.errors });
  back({ year: yearOf(day), removed: result.day!, moved: String(result.moved ?? 0) });
  return null;
});

/** Saves a category's SLA overrides (administrators only); a wrong number stays in its field with the error beside it. */
export const savePolicyAction = formAction(
  { authorise: admin, schema: policyInputSchema.extend({ category: z.string().min(1).max(40), year: z.string().optional() }) },
  async ({ category, year, ...input }, staff) => {
    const result = await saveCategoryPolicy(getDb(), category, input, await auditActor(staff));
    if (!result.ok) throw new ValidationError({ _form: ["policy"] });
    back({ year: year ?? "", saved: result.name! });
    return null;
  },
);
