import { TZDate } from "@date-fns/tz";
import { addDays, format, isWeekend, startOfDay } from "date-fns";

/** The region's working calendar: its time zone and the non-working weekdays (YYYY-MM-DD). */
export type WorkingCalendar = { timeZone: string; holidays: ReadonlySet<string> };

/** One calendar day in a zone: when it starts and ends (UTC ms), its date and whether it is a weekend. */
type LocalDay = { start: number; next: number; key: string; weekend: boolean };

/**
 * Local days by zone and 15-minute slot of UTC time. Every zone's offset and transitions fall on
 * quarter hours, so a slot never straddles a local midnight; the zone maths (@date-fns/tz) then
 * runs once per slot seen instead of on every step of every deadline computed. Holidays are not
 * cached here: they are looked up in the calendar passed in, so calendar edits apply at once.
 */
const SLOT_MS = 15 * 60 * 1000;
const MAX_SLOTS = 200_000;
const days = new Map<string, Map<number, LocalDay>>();

function localDay(ms: number, timeZone: string): LocalDay {
  let zone = days.get(timeZone);
  if (!zone) days.set(timeZone, (zone = new Map()));
  const slot = Math.floor(ms / SLOT_MS);
  let day = zone.get(slot);
  if (!day) {
    const local = new TZDate(ms, timeZone);
    const start = startOfDay(local);
    day = { start: start.getTime(), next: addDays(start, 1).getTime(), key: format(local, "yyyy-MM-dd"), weekend: isWeekend(local) };
    if (zone.size >= MAX_SLOTS) zone.clear();
    zone.set(slot, day);
  }
  return day;
}

const working = (day: LocalDay, calendar: WorkingCalendar) => !day.weekend && !calendar.holidays.has(day.key);

/** True when the calendar day (in the calendar's zone) of `day` is a working day. */
export function isWorkingDay(day: Date, calendar: WorkingCalendar): boolean {
  return working(localDay(day.getTime(), calendar.timeZone), calendar);
}

/**
 * The moment `n` working days after `start`. A start on a working day keeps its time of day
 * (Monday 10:00 + 3 is Thursday 10:00); a start on a non-working day counts from the next
 * working day, so the deadline is the end of the n-th working day (Saturday + 3 is the end of
 * Wednesday).
 */
export function addWorkingDays(start: Date, n: number, calendar: WorkingCalendar): Date {
  const tz = calendar.timeZone;
  let day = localDay(start.getTime(), tz);
  const fromWorkingDay = working(day, calendar);
  const timeOfDay = fromWorkingDay ? start.getTime() - day.start : 0;
  let left = n;
  while (left > 0) {
    day = localDay(day.next, tz);
    if (working(day, calendar)) left--;
  }
  // Same wall-clock time on the n-th working day (zones without daylight saving: Indonesia's).
  return new Date(fromWorkingDay ? Math.min(day.start + timeOfDay, day.next - 1) : day.next - 1);
}

/** Today's date (YYYY-MM-DD) in the given time zone. */
export function localDate(now: Date, timeZone: string): string {
  return localDay(now.getTime(), timeZone).key;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Working time (ms) between two moments: the part of [from, to) that falls on working days.
 * A pause from Friday 15:00 to Monday 09:00 lasted 9 + 9 working hours (weekend left out).
 */
export function workingTimeBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  let total = 0;
  let cursor = from.getTime();
  const end = to.getTime();
  while (cursor < end) {
    const day = localDay(cursor, calendar.timeZone);
    if (working(day, calendar)) total += Math.min(day.next, end) - cursor;
    cursor = day.next;
  }
  return total;
}

/**
 * The moment at which `ms` of working time has passed since `start` (non-working days do not
 * count; a start on one counts from the next working day's beginning). Deadlines move by this
 * when a pause ends; the at-risk moment is `start` plus 80 % of a clock's working time.
 */
export function addWorkingTime(start: Date, ms: number, calendar: WorkingCalendar): Date {
  let cursor = start.getTime();
  let left = ms;
  for (;;) {
    const day = localDay(cursor, calendar.timeZone);
    if (working(day, calendar)) {
      const available = day.next - cursor;
      if (left <= available) return new Date(cursor + left);
      left -= available;
    }
    cursor = day.next;
  }
}

/** The working time (ms) of `n` whole working days. */
export function workingDays(n: number): number {
  return n * DAY_MS;
}
