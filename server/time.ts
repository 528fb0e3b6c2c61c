import { TZDate } from "@date-fns/tz";
import { formatISO } from "date-fns";

/** ISO 8601 with the region's offset, e.g. 2026-11-28T10:00:00+07:00, as the API promises. */
export function isoInZone(date: Date, timeZone: string): string {
  return formatISO(new TZDate(date, timeZone));
}
