import Holidays from "date-holidays";
import type { Db } from "../client";
import { holidays } from "../schema";

/**
 * Seeds national public holidays for the given years from date-holidays (Indonesia). The
 * official dates, and cuti bersama, are decreed yearly: an administrator corrects and completes
 * them; seeding only adds days that are missing, so corrections survive.
 */
export async function seedHolidays(db: Db, years: number[], country = "ID"): Promise<void> {
  const source = new Holidays(country);
  const rows = years.flatMap((y) =>
    source
      .getHolidays(y)
      .filter((h) => h.type === "public")
      .map((h) => ({ day: h.date.slice(0, 10), name: h.name, kind: "national" as const })),
  );
  const unique = [...new Map(rows.map((r) => [r.day, r])).values()];
  if (unique.length) await db.insert(holidays).values(unique).onConflictDoNothing();
}
