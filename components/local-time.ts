import "server-only";
import type { createFormatter } from "next-intl";
import { getFormatter, getTimeZone } from "next-intl/server";
import { zoneAbbreviation } from "@/domain/time-zone";

type DateTimeFormatter = Pick<ReturnType<typeof createFormatter>, "dateTime">;
type Style = { dateStyle?: "full" | "long" | "medium"; timeStyle?: "short" | "medium" };

/** `localTime`'s formatters over a given formatter and zone (separate so that a test can give them). */
export function zonedTimes(format: DateTimeFormatter, timeZone: string) {
  const zone = zoneAbbreviation(timeZone);
  return {
    zone,
    /** Date and time, such as "2 Des 2026 14.30 WITA". */
    when: (d: Date, style: Style = {}) => `${format.dateTime(d, { dateStyle: style.dateStyle ?? "medium", timeStyle: style.timeStyle ?? "short", timeZone })} ${zone}`,
  };
}

/**
 * Times as pages show them: in the region's zone (i18n/request.ts: PINTU_TIME_ZONE), followed by
 * that zone's name (WIB, WITA or WIT). `zone` is for messages that name the zone themselves.
 */
export async function localTime() {
  const [format, timeZone] = await Promise.all([getFormatter(), getTimeZone()]);
  return zonedTimes(format, timeZone);
}
