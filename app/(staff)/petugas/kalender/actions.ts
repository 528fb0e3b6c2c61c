"use server";

import { redirect } from "next/navigation";
import { addCalendarDay, removeCalendarDay, saveCategoryPolicy } from "@/server/calendar";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { requireStaff } from "@/server/staff";

const back = (params: Record<string, string>) => redirect(`/petugas/kalender?${new URLSearchParams(params).toString()}`);
const yearOf = (day: unknown) => (typeof day === "string" && /^\d{4}-/.test(day) ? day.slice(0, 4) : "");

/** Adds a holiday or cuti bersama (administrators only, checked here as on the page). */
export async function addDayAction(formData: FormData): Promise<void> {
  const staff = await requireStaff("admin.manage");
  const input = { day: formData.get("day"), name: formData.get("name"), kind: formData.get("kind") };
  const result = await addCalendarDay(getDb(), input, await auditActor(staff));
  const year = yearOf(input.day) || String(formData.get("year") ?? "");
  if (!result.ok) back({ year, error: result.errors.join(","), name: String(input.name ?? ""), day: String(input.day ?? ""), kind: String(input.kind ?? "") });
  else back({ year, added: result.day!, moved: String(result.moved ?? 0) });
}

/** Removes a day from the calendar (administrators only). */
export async function removeDayAction(formData: FormData): Promise<void> {
  const staff = await requireStaff("admin.manage");
  const day = formData.get("day");
  const result = await removeCalendarDay(getDb(), day, await auditActor(staff));
  if (!result.ok) back({ year: yearOf(day), error: result.errors.join(",") });
  else back({ year: yearOf(day), removed: result.day!, moved: String(result.moved ?? 0) });
}

/** Saves a category's SLA overrides (administrators only). */
export async function savePolicyAction(formData: FormData): Promise<void> {
  const staff = await requireStaff("admin.manage");
  const code = String(formData.get("category") ?? "");
  const input = Object.fromEntries(["verification", "firstResponse", "resolution", "autoClose"].map((k) => [k, formData.get(k)]));
  const result = await saveCategoryPolicy(getDb(), code, input, await auditActor(staff));
  const year = String(formData.get("year") ?? "");
  if (!result.ok) back({ year, policyError: code });
  else back({ year, saved: result.name! });
}
