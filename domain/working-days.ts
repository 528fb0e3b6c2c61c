import { TZDate } from "@date-fns/tz";
import { addDays, endOfDay, format, isWeekend, startOfDay } from "date-fns";

/** The region's working calendar: its time zone and the non-working weekdays (YYYY-MM-DD). */
export type WorkingCalendar = { timeZone: string; holidays: ReadonlySet<string> };

/** True when the calendar day (in the calendar's zone) of `day` is a working day. */
export function isWorkingDay(day: Date, calendar: WorkingCalendar): boolean {
  const local = new TZDate(day, calendar.timeZone);
  return !isWeekend(local) && !calendar.holidays.has(format(local, "yyyy-MM-dd"));
}

/**
 * The moment `n` working days after `start`. A start on a working day keeps its time of day
 * (Monday 10:00 + 3 is Thursday 10:00); a start on a non-working day counts from the next
 * working day, so the deadline is the end of the n-th working day (Saturday + 3 is the end of
 * Wednesday).
 */
export function addWorkingDays(start: Date, n: number, calendar: WorkingCalendar): Date {
  let cursor = new TZDate(start, calendar.timeZone);
  const fromWorkingDay = isWorkingDay(cursor, calendar);
  if (!fromWorkingDay) cursor = startOfDay(cursor);
  let left = n;
  while (left > 0) {
    cursor = addDays(cursor, 1);
    if (isWorkingDay(cursor, calendar)) left--;
  }
  return new Date((fromWorkingDay ? cursor : endOfDay(cursor)).getTime());
}

/** Today's date (YYYY-MM-DD) in the given time zone. */
export function localDate(now: Date, timeZone: string): string {
  return format(new TZDate(now, timeZone), "yyyy-MM-dd");
}
