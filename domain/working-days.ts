import { TZDate } from "@date-fns/tz";
import { addDays, format, isWeekend, startOfDay } from "date-fns";

/** The region's working calendar: its time zone and the non-working weekdays (YYYY-MM-DD). */
export type WorkingCalendar = { timeZone: string; holidays: ReadonlySet<string> };

/** True when the calendar day (in the calendar's zone) of `day` is a working day. */
export function isWorkingDay(day: Date, calendar: WorkingCalendar): boolean {
  const local = new TZDate(day, calendar.timeZone);
  return !isWeekend(local) && !calendar.holidays.has(format(local, "yyyy-MM-dd"));
}

/**
 * The moment `n` working days after `start`. A start on a non-working day counts from the
 * beginning of the next working day, so Saturday + 3 is the end of Wednesday; otherwise the
 * deadline keeps the start's time of day (Monday 10:00 + 3 is Thursday 10:00).
 */
export function addWorkingDays(start: Date, n: number, calendar: WorkingCalendar): Date {
  let cursor = new TZDate(start, calendar.timeZone);
  if (!isWorkingDay(cursor, calendar)) {
    do cursor = startOfDay(addDays(cursor, 1));
    while (!isWorkingDay(cursor, calendar));
  }
  let left = n;
  while (left > 0) {
    cursor = addDays(cursor, 1);
    if (isWorkingDay(cursor, calendar)) left--;
  }
  return new Date(cursor.getTime());
}

/** Today's date (YYYY-MM-DD) in the given time zone. */
export function localDate(now: Date, timeZone: string): string {
  return format(new TZDate(now, timeZone), "yyyy-MM-dd");
}
