import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Holidays from "date-holidays";
import type { Db } from "@/db/client";
import { holidays } from "@/db/schema";

type Day = [day: string, name: string];
type OfficialYear = { source: string; national: Day[]; cutiBersama: Day[] };
type Row = typeof holidays.$inferInsert;

const officialFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "data", "id-calendar.json");

/** The decreed national holidays and cuti bersama of a year, when db/seed/data/id-calendar.json has them. */
export function officialDays(year: number): Row[] | null {
  const all = JSON.parse(readFileSync(officialFile, "utf8")) as Record<string, OfficialYear | string>;
  const entry = all[String(year)];
  if (!entry || typeof entry === "string") return null;
  return [
    ...entry.national.map(([day, name]) => ({ day, name, kind: "national" as const })),
    ...entry.cutiBersama.map(([day, name]) => ({ day, name, kind: "cuti_bersama" as const })),
  ];
}

/** Indonesia's public holidays of a year according to date-holidays (no cuti bersama). */
function libraryDays(year: number, country: string): Row[] {
  return new Holidays(country)
    .getHolidays(year)
    .filter((h) => h.type === "public")
    .map((h) => ({ day: h.date.slice(0, 10), name: h.name, kind: "national" as const }));
}

/**
 * Seeds the non-working days of the given years: the decreed list (national holidays and cuti
 * bersama) where db/seed/data/id-calendar.json has the year, else date-holidays' public holidays
 * for Indonesia. The official dates are decreed yearly: an administrator corrects and completes
 * them at /petugas/kalender; seeding only adds days that are missing, so corrections survive.
 */
export async function seedHolidays(db: Db, years: number[], country = "ID"): Promise<void> {
  const rows = years.flatMap((y) => (country === "ID" ? officialDays(y) : null) ?? libraryDays(y, country));
  const unique = [...new Map(rows.map((r) => [r.day, r])).values()];
  if (unique.length) await db.insert(holidays).values(unique).onConflictDoNothing();
}
