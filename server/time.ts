import { TZDate } from "@date-fns/tz";
import { formatISO } from "date-fns";

// A zone's offset changes only at a transition, which falls on a quarter hour in every zone in
// use; so each zone's offset is looked up once per quarter hour seen (lists format thousands).
const QUARTER_MS = 15 * 60_000;
const offsets = new Map<string, string>();

function offsetOf(date: Date, timeZone: string): string {
  const key = `${timeZone}|${Math.floor(date.getTime() / QUARTER_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = formatISO(new TZDate(date, timeZone)).slice(19);
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** Minutes east of UTC of an ISO offset (`+07:00`, `-03:30`, `Z`). */
function offsetMinutes(offset: string): number {
  if (offset === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/** ISO 8601 with the region's offset, e.g. 2026-11-28T10:00:00+07:00, as the API promises. */
export function isoInZone(date: Date, timeZone: string): string {
  const offset = offsetOf(date, timeZone);
  // Seconds precision, as formatISO writes it.
  const local = new Date(Math.floor(date.getTime() / 1000) * 1000 + offsetMinutes(offset) * 60_000).toISOString().slice(0, 19);
  return `${local}${offset === "Z" ? "Z" : offset}`;
}
