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

const DAY_MS = 24 * 60 * 60 * 1000;

/** The start of the calendar day after `day`'s, in the calendar's zone. */
function nextDayStart(day: Date, calendar: WorkingCalendar): Date {
  return new Date(addDays(startOfDay(new TZDate(day, calendar.timeZone)), 1).getTime());
}

/**
 * Working time (ms) between two moments: the part of [from, to) that falls on working days.
 * A pause from Friday 15:00 to Monday 09:00 lasted 9 + 9 working hours (weekend left out).
 */
export function workingTimeBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  let total = 0;
  let cursor = new Date(from.getTime());
  while (cursor < to) {
    const dayEnd = nextDayStart(cursor, calendar);
    const end = dayEnd < to ? dayEnd : to;
    if (isWorkingDay(cursor, calendar)) total += end.getTime() - cursor.getTime();
    cursor = dayEnd;
  }
  return total;
}

/**
 * The moment at which `ms` of working time has passed since `start` (non-working days do not
 * count; a start on one counts from the next working day's beginning). Deadlines move by this
 * when a pause ends; the at-risk moment is `start` plus 80 % of a clock's working time.
 */
export function addWorkingTime(start: Date, ms: number, calendar: WorkingCalendar): Date {
  let cursor = new Date(start.getTime());
  let left = ms;
  for (;;) {
    const dayEnd = nextDayStart(cursor, calendar);
    if (isWorkingDay(cursor, calendar)) {
      const available = dayEnd.getTime() - cursor.getTime();
      if (left <= available) return new Date(cursor.getTime() + left);
      left -= available;
    }
    cursor = dayEnd;
  }
}

/** The working time (ms) of `n` whole working days. */
export function workingDays(n: number): number {
  return n * DAY_MS;
}
